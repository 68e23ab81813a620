import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { DateScalar } from '../../graphql/date.scalar.js';
import { ConsultationKind } from '../models/enums.js';

@InputType({ description: 'A step of a recorded paper. Leave out what the sources do not say, and say why in `note`.' })
export class RecordConsultationInput {
  @Field(() => ID, { description: 'The body of the paper.' })
  paperBody: string;

  @Field({ description: 'The reference of the paper.' })
  reference: string;

  @Field(() => ConsultationKind)
  kind: ConsultationKind;

  @Field(() => ID, { description: "Who handled it, e.g. 'bvv-neukoelln'; the district office decision: 'ba-<district>'." })
  body: string;

  @Field(() => DateScalar, { nullable: true })
  date?: string | null;

  @Field(() => String, { nullable: true })
  meeting?: string | null;

  @Field(() => Int, { nullable: true })
  meetingNumber?: number | null;

  @Field(() => String, { nullable: true })
  role?: string | null;

  @Field(() => String, { nullable: true })
  result?: string | null;

  @Field(() => Boolean, { nullable: true })
  finished?: boolean | null;

  @Field(() => String, { nullable: true })
  oparlId?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
