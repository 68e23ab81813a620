import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { BerlinParty, PartyNameOn } from '../berlin-parties.js';
import { PartyKind } from './party-kind.enum.js';
import { PartyNameModel } from './party-name.model.js';

@ObjectType('Party', { description: 'A district or Senate department of Berlin, under an id that stays when it is renamed.' })
export class PartyModel {
  @Field(() => ID)
  id: string;

  @Field(() => PartyKind)
  kind: PartyKind;

  @Field({ description: 'The name on the date asked about (asOf), else the current one.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'The abbreviation that goes with name.' })
  abbreviation: string | null;

  @Field({
    description: 'false when a rename known only by year or month may already have happened by that date; name is then the earlier one.',
  })
  nameCertain: boolean;

  @Field(() => [PartyNameModel], { description: 'Every known name, oldest first.' })
  names: PartyNameModel[];

  static from(party: BerlinParty, on: PartyNameOn): PartyModel {
    return Object.assign(new PartyModel(), {
      id: party.id,
      kind: party.kind,
      name: on.name,
      abbreviation: on.abbreviation,
      nameCertain: on.certain,
      names: party.names.map((n) => PartyNameModel.from(n)),
    });
  }
}
