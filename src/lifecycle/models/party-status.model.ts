import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../../graphql/date.scalar.js';
import { PartyKind } from './enums.js';
import { SignatureModel } from './signature.model.js';
import { MissingSignatureModel } from './missing-signature.model.js';

@ObjectType('PartyStatus', { description: 'Where one party stands: has it signed completely, since when is it bound?' })
export class PartyStatusModel {
  @Field(() => ID)
  party: string;

  @Field()
  partyName: string;

  @Field(() => PartyKind)
  kind: PartyKind;

  @Field(() => Int, { description: 'The version this entry reports on: the one binding the party, else the one it would sign.' })
  version: number;

  @Field({ description: 'Every signatory role of the party has signed.' })
  complete: boolean;

  @Field(() => DateScalar, { nullable: true })
  boundSince: string | null;

  @Field(() => [SignatureModel])
  signatures: SignatureModel[];

  @Field(() => [MissingSignatureModel])
  missing: MissingSignatureModel[];

  @Field({ description: 'false when no signature of this party is recorded at all: its signing is not documented here.' })
  signingRecorded: boolean;
}
