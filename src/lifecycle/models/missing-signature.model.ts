import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('MissingSignature', { description: 'A signatory role of a party that has not signed.' })
export class MissingSignatureModel {
  @Field(() => ID)
  party: string;

  @Field()
  partyName: string;

  @Field(() => ID)
  role: string;

  @Field()
  roleTitle: string;
}
