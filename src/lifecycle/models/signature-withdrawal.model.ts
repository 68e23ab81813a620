import { Field, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../../graphql/date.scalar.js';

@ObjectType()
export class SignatureWithdrawal {
  @Field(() => DateScalar)
  withdrawnOn: string;

  @Field()
  reason: string;

  @Field({ description: 'Who recorded the withdrawal.' })
  actor: string;
}
