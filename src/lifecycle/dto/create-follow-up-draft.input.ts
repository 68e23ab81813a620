import { Field, ID, InputType, Int } from '@nestjs/graphql';

@InputType()
export class CreateFollowUpDraftInput {
  @Field(() => ID)
  predecessorId: string;

  @Field(() => Int, { nullable: true, description: 'Version to carry over; the latest when omitted.' })
  predecessorVersion?: number | null;

  @Field(() => ID, { description: 'Id of the new agreement.' })
  id: string;

  @Field()
  title: string;
}
