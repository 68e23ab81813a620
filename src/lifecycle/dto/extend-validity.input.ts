import { Field, ID, InputType } from '@nestjs/graphql';
import { DateScalar } from '../../graphql/date.scalar.js';

@InputType()
export class ExtendValidityInput {
  @Field(() => ID)
  agreementId: string;

  @Field(() => DateScalar, { description: 'The new end of validity.' })
  until: string;

  @Field({ description: 'What backs the extension, e.g. "Schreiben SenASGIVA vom 21.11.2023".' })
  source: string;

  @Field(() => DateScalar)
  decidedOn: string;

  @Field(() => DateScalar)
  effectiveOn: string;
}
