// The scenarios and floors as autocannon runs them. Request bodies vary per request from a seeded
// generator, so two runs of the same size ask the same questions.
import { agreementId, PARTIES, prng, versionOf } from './seed.mjs';

const gql = (query, variables) => JSON.stringify({ query, variables });

const STATUS = `query S1($id: ID!, $asOf: Date, $party: ID) {
  agreementStatus(id: $id, asOf: $asOf, party: $party) {
    state versionInForce latestVersion validFrom validUntil inForceSince daysUntilExpiry successorId
    signatures { party role signedOn } missing { party role }
  }
}`;
const PARTIES_QUERY = `query S0p($asOf: Date) { parties(asOf: $asOf) { id } }`;
const PAGE = `query S2 { agreements(limit: 50) { totalCount items { id latestVersion { number contentHash } status { state validUntil } } } }`;
const DIFF = `query S3($id: ID!, $to: Int!) { versionDiff(agreementId: $id, from: 1, to: $to) { changes { kind label } unified } }`;
const SAVE = `mutation S4($id: ID!, $base: Int!, $yaml: String!) { saveDraft(agreementId: $id, baseVersion: $base, yaml: $yaml) { number } }`;

function randomDate(rnd) {
  const d = new Date(Date.UTC(2021, 0, 1) + Math.floor(rnd() * 7 * 365) * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/**
 * Each entry: name, what it measures, and the autocannon options beyond url/connections/duration.
 * `setup(context)` returns the body of the next request.
 */
export function scenarios({ serviceUrl, coldServiceUrl, floorsUrl, agreements, versions, readerToken, editorToken }) {
  const auth = (token) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
  const json = { 'content-type': 'application/json' };
  const rnd = prng(42);
  const anyAgreement = () => agreementId(Math.floor(rnd() * agreements));
  // saveDraft on its own agreement each time: agreements are taken in turn, each from its latest version on.
  const latest = new Map();
  let next = 0;
  const draft = () => {
    const i = next++ % agreements;
    const base = latest.get(i) ?? versions;
    latest.set(i, base + 1);
    const { yaml } = versionOf(i, base, { from: '2021-06-01', until: '2027-12-31', titleSuffix: ` – Entwurf ${base + 1}` });
    return gql(SAVE, { id: agreementId(i), base, yaml });
  };
  const status = () => {
    const party = rnd() < 0.25 ? null : PARTIES[Math.floor(rnd() * PARTIES.length)];
    return gql(STATUS, { id: anyAgreement(), asOf: randomDate(rnd), party });
  };
  return [
    { name: 'B0', what: 'bare http, constant JSON', url: `${floorsUrl}/b0`, headers: json, body: () => '{}' },
    {
      name: 'B1',
      what: 'bare http + pg, the statements S1c runs',
      url: `${floorsUrl}/b1`,
      headers: json,
      body: () => JSON.stringify({ id: anyAgreement() }),
    },
    {
      name: 'B2',
      what: 'bare http + pg, one row by primary key',
      url: `${floorsUrl}/b2`,
      headers: json,
      body: () => JSON.stringify({ id: anyAgreement() }),
    },
    {
      name: 'S0',
      what: '{ __typename } with a token',
      url: `${serviceUrl}/graphql`,
      headers: auth(readerToken),
      body: () => gql('{ __typename }'),
      graphql: true,
    },
    {
      // What any root field with arguments costs before its own work: a status cannot be cheaper than this.
      name: 'S0p',
      what: 'parties(asOf) { id }, random day: a root field answered from memory',
      url: `${serviceUrl}/graphql`,
      headers: auth(readerToken),
      body: () => gql(PARTIES_QUERY, { asOf: randomDate(rnd) }),
      graphql: true,
    },
    {
      name: 'S1',
      what: 'agreementStatus(id, asOf, party), random; every agreement asked once before',
      url: `${serviceUrl}/graphql`,
      headers: auth(readerToken),
      body: status,
      // An instance that has answered for each agreement keeps its inputs and checks only their revision.
      warmUp: () => Array.from({ length: agreements }, (_, i) => gql(STATUS, { id: agreementId(i), asOf: '2024-06-01', party: null })),
      graphql: true,
    },
    {
      name: 'S1c',
      what: 'agreementStatus as S1, by an instance keeping no inputs',
      url: `${coldServiceUrl}/graphql`,
      headers: auth(readerToken),
      body: status,
      graphql: true,
    },
    {
      name: 'S2',
      what: 'agreements, first page of 50, latest version and state',
      url: `${serviceUrl}/graphql`,
      headers: auth(readerToken),
      body: () => gql(PAGE),
      graphql: true,
    },
    {
      name: 'S3',
      what: `versionDiff 1 → ${versions} of one agreement`,
      url: `${serviceUrl}/graphql`,
      headers: auth(readerToken),
      body: () => gql(DIFF, { id: agreementId(1), to: versions }),
      graphql: true,
    },
    {
      name: 'S4',
      what: 'saveDraft, each on its own agreement',
      url: `${serviceUrl}/graphql`,
      headers: auth(editorToken),
      body: draft,
      graphql: true,
    },
  ];
}
