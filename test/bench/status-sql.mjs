// The statements agreementStatus runs for one agreement it has not answered for before, taken from the
// repositories themselves, so floor B1 keeps running what S1 runs without its kept inputs: the revision with the
// histories by their terms, then the document of the version reported on (here always version 1: B1 stands for
// the database's share, not for the status rules).
import { LIFECYCLE_SQL } from '../../dist/src/lifecycle/lifecycle.repository.js';
import { VERSIONS_SQL } from '../../dist/src/versions/versions.repository.js';

export function statusStatements(id) {
  return [
    { text: LIFECYCLE_SQL.statusInputsBatch, params: [[id], [null], [null]] },
    { text: VERSIONS_SQL.content, params: [id, 1] },
  ];
}
