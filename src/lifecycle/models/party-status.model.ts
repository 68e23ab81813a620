import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../../graphql/date.scalar.js';
import { PartyKind } from './enums.js';
import { SignatureModel } from './signature.model.js';
import { MissingSignatureModel } from './missing-signature.model.js';

@ObjectType('PartyStatus', { description: 'Where one party stands: has it signed completely, since when is it bound?' })
export class PartyStatusModel {
  @Field(() => ID)
  party: string;

  @Field({ description: "The party's name on the date asked about, by Berlin's party list (the document's name for a party the list lacks)." })
  partyName: string;

  @Field({ description: 'false when a rename known only to the month or year may have happened by that date; partyName is then the earlier name.' })
  partyNameCertain: boolean;

  @Field({ description: 'The name the version reported on gives the party.' })
  nameInDocument: string;

  @Field({ description: "false when the document marks the party's signatory roles as not known; the party is then never complete." })
  rolesKnown: boolean;

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
