import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { DateScalar } from '../../graphql/date.scalar.js';
import { PaperConcerns } from '../models/enums.js';

@InputType({ description: 'A council paper. Leave out what the sources do not say, and say why in `note`.' })
export class RecordPaperInput {
  @Field(() => ID, { description: "The council body, e.g. 'bvv-neukoelln'." })
  body: string;

  @Field({ description: "Number and legislative term in roman numerals, e.g. '1265/XXI'." })
  reference: string;

  @Field(() => String, { nullable: true })
  type?: string | null;

  @Field(() => String, { nullable: true })
  subject?: string | null;

  @Field(() => DateScalar, { nullable: true })
  date?: string | null;

  @Field(() => String, { nullable: true })
  originator?: string | null;

  @Field(() => Boolean, { nullable: true })
  public?: boolean | null;

  @Field(() => String, { nullable: true })
  legalGround?: string | null;

  @Field(() => ID, { nullable: true })
  agreementId?: string | null;

  @Field(() => Int, { nullable: true })
  agreementVersion?: number | null;

  @Field(() => PaperConcerns, { nullable: true })
  concerns?: PaperConcerns | null;

  @Field(() => String, { nullable: true })
  oparlId?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
