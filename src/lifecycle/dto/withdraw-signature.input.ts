import { Field, ID, InputType } from '@nestjs/graphql';
import { DateScalar } from '../../graphql/date.scalar.js';

@InputType()
export class WithdrawSignatureInput {
  @Field(() => ID)
  signatureId: string;

  @Field(() => DateScalar)
  withdrawnOn: string;

  @Field()
  reason: string;
}
