import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { DateScalar } from '../../graphql/date.scalar.js';
import { AmendmentType } from '../models/enums.js';

@InputType()
export class AmendAgreementInput {
  @Field(() => ID)
  agreementId: string;

  @Field(() => Int, { description: 'Must be the latest version.' })
  baseVersion: number;

  @Field({ description: 'The amended document.' })
  yaml: string;

  @Field(() => AmendmentType)
  type: AmendmentType;

  @Field()
  source: string;

  @Field(() => DateScalar)
  decidedOn: string;

  @Field(() => DateScalar)
  effectiveOn: string;
}
