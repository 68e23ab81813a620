import { registerEnumType } from '@nestjs/graphql';
import { PartyKind } from '../berlin-parties.js';

// Registered once, here with the parties; every model that shows a party's kind imports it from this file.
registerEnumType(PartyKind, { name: 'PartyKind' });

export { PartyKind };
