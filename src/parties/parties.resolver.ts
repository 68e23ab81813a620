import { Args, Query, Resolver } from '@nestjs/graphql';
import { DateScalar } from '../graphql/date.scalar.js';
import { BERLIN_PARTIES, partyNameOn } from './berlin-parties.js';
import { PartyModel } from './models/party.model.js';

@Resolver(() => PartyModel)
export class PartiesResolver {
  // Not a page like the other lists: a short list fixed in code, which no stored data makes longer.
  @Query(() => [PartyModel], {
    description: "Berlin's districts and Senate departments, each named as on asOf; without asOf, by its current name.",
  })
  parties(@Args('asOf', { type: () => DateScalar, nullable: true }) asOf: string | null): PartyModel[] {
    // Every id of the list has a name, so partyNameOn is never null here.
    return BERLIN_PARTIES.map((party) => PartyModel.from(party, partyNameOn(party.id, asOf)!));
  }
}
