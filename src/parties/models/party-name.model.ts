import { Field, ObjectType } from '@nestjs/graphql';
import type { PartyName } from '../berlin-parties.js';

@ObjectType('PartyName', { description: 'One name a party has had, with the date it has been used from and its source.' })
export class PartyNameModel {
  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  abbreviation: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Used from: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', as precisely as the source states it; null for the oldest known name.",
  })
  since: string | null;

  @Field({ description: 'Where the name and its date are stated.' })
  source: string;

  static from(name: PartyName): PartyNameModel {
    return Object.assign(new PartyNameModel(), { name: name.name, abbreviation: name.abbreviation, since: name.since, source: name.source });
  }
}
