/** The GraphQL operations of the pages; each stays well inside the complexity limit of one request. */

const SIGNATURE =
  'id party role personName office signedOn version level carriedOverFrom evidence { fileName sha256 } withdrawal { withdrawnOn reason actor }';

export const LIST = `query($today: Date!, $offset: Int!) {
  agreements(limit: 50, offset: $offset) {
    items { id title leadDepartment status(asOf: $today) { state validUntil daysUntilExpiry successorId successorState signatures { party } missing { party } parties { party } } }
    hasMore
  }
  parties(asOf: $today) { id name kind }
}`;

export const AGREEMENT = `query($id: ID!, $asOf: Date!, $party: ID) {
  agreement(id: $id) {
    id title leadDepartment policyArea
    status(asOf: $asOf, party: $party) {
      asOf party state versionInForce latestVersion validFrom validUntil inForceSince daysUntilExpiry successorId successorState predecessorId
      amendmentsApplied { type source decidedOn effectiveOn baseVersion newVersion }
      parties { party partyName partyNameCertain kind version complete boundSince rolesKnown signingRecorded signatures { ${SIGNATURE} } missing { party role roleTitle } }
      missingFacts { label reason note }
    }
    roleTitles: status(asOf: $asOf) { missing { role roleTitle } }
    events(limit: 100) { items { date kind detail party version actor } totalCount }
    signatures(limit: 50) { items { ${SIGNATURE} } totalCount }
    versions(limit: 50) { items { number createdAt author changeNote frozenOn } totalCount }
  }
  parties(asOf: $asOf) { id name kind }
}`;

export const VERSION = `query($id: ID!, $number: Int!) {
  agreement(id: $id) { id title version(number: $number) { number yaml createdAt author changeNote contentHash frozenOn } }
}`;

export const DIFF = `query($id: ID!, $from: Int!, $to: Int!) {
  agreement(id: $id) { id title }
  versionDiff(agreementId: $id, from: $from, to: $to) { from to changes { label kind before after } note }
}`;

export const REPORT = `query($id: ID!, $asOf: Date) { agreementReport(id: $id, asOf: $asOf, format: HTML) }`;

export const COUNCIL_PAPER = `query($id: ID!, $asOf: Date, $body: ID!) {
  agreement(id: $id) { id title }
  draftCouncilPaper(agreementId: $id, asOf: $asOf, body: $body)
}`;

/** What the two forms need: the versions that can be signed, the parties and their roles, Berlin's parties. */
export const FORM_DATA = `query($id: ID!, $today: Date!) {
  agreement(id: $id) {
    id title
    versions(limit: 50) { items { number frozenOn } }
    status(asOf: $today) { parties { party partyName kind signatures { role } missing { role roleTitle } } }
  }
  parties(asOf: $today) { id name kind }
}`;

export const RECORD_SIGNATURE = `mutation($input: RecordSignatureInput!) { recordSignature(input: $input) { id } }`;
export const RECORD_PAPER = `mutation($input: RecordPaperInput!) { recordPaper(input: $input) { id } }`;
export const RECORD_CONSULTATION = `mutation($input: RecordConsultationInput!) { recordConsultation(input: $input) { id } }`;
export const IMPORT_OPARL = `mutation($body: ID!, $json: String!) { importOParl(body: $body, json: $json) { body reference oparlId outcome } }`;
export const LINK_PAPER = `mutation($agreementId: ID!, $body: ID!, $oparlId: String) { linkPaper(agreementId: $agreementId, body: $body, oparlId: $oparlId) { id } }`;
