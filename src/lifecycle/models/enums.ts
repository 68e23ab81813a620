import { registerEnumType } from '@nestjs/graphql';
import { PartyKind } from '../../parties/models/party-kind.enum.js';
import { AmendmentType, LifecycleEventKind, SignatureLevel } from '../rules/index.js';
import { LifecycleState } from '../rules/status.types.js';
import { MissingReason } from '../../documents/agreement-v2.types.js';

// The domain's own lists, registered as they are: GraphQL shows the keys; values are what the rules and the database use.
registerEnumType(LifecycleState, {
  name: 'LifecycleState',
  valuesMap: {
    NOT_YET_RECORDED: {
      description:
        'No version is on record by that date: the earliest dated fact (creation, freeze, amendment, signature, start of a follow-up) is later.',
    },
  },
});
registerEnumType(SignatureLevel, {
  name: 'SignatureLevel',
  description: 'Handwritten with a scan as evidence, or a simple, advanced or qualified electronic signature; or not known.',
  valuesMap: {
    UNKNOWN: {
      description:
        'Not stated by the sources: recorded where a signature is known but not how it was given (a historical one whose paper does not say).',
    },
  },
});
registerEnumType(AmendmentType, { name: 'AmendmentType' });
registerEnumType(MissingReason, {
  name: 'MissingReason',
  description: 'Why a fact is missing: not public or not known, to be agreed later, or not applicable.',
});
registerEnumType(LifecycleEventKind, { name: 'LifecycleEventKind' });

export { AmendmentType, LifecycleEventKind, LifecycleState, MissingReason, PartyKind, SignatureLevel };
