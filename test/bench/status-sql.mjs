// The statements agreementStatus runs for one agreement without a follow-up, taken from the repositories
// themselves, so floor B1 keeps running what S1 runs.
import { LIFECYCLE_SQL } from '../../dist/src/lifecycle/lifecycle.repository.js';
import { VERSIONS_SQL } from '../../dist/src/versions/versions.repository.js';

export function statusStatements(id) {
  return [
    { text: VERSIONS_SQL.followUpsOf, params: [[id]] },
    { text: LIFECYCLE_SQL.historyVersions, params: [[id]] },
    { text: LIFECYCLE_SQL.historyFreezes, params: [[id]] },
    { text: LIFECYCLE_SQL.historySignatures, params: [[id]] },
    { text: LIFECYCLE_SQL.historyAmendments, params: [[id]] },
    { text: LIFECYCLE_SQL.followUpsOf, params: [[id]] },
  ];
}
