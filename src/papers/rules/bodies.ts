import { isBerlinDistrict, partyNameOn } from '../../parties/berlin-parties.js';

/**
 * Bodies are named by id: `bvv-<district>` a district council (Bezirksverordnetenversammlung), `ba-<district>` a
 * district office (Bezirksamt), with a district id of Berlin's party list, and `bvv-<district>-<committee>` a committee
 * of a council (e.g. `bvv-neukoelln-ausschuss-soziales`), shown as written.
 */
export const BODY_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function isCouncilBody(body: string): boolean {
  return body.startsWith('bvv-') && isBerlinDistrict(body.slice(4));
}

export function isDistrictOfficeBody(body: string): boolean {
  return body.startsWith('ba-') && isBerlinDistrict(body.slice(3));
}

/** The council itself or one of its committees (`<council>-<committee>`). */
export function isCouncilOrCommitteeOf(council: string, body: string): boolean {
  return body === council || (body.startsWith(`${council}-`) && BODY_ID.test(body));
}

/** The district a council or district office belongs to, else null. */
export function districtOfBody(body: string): string | null {
  if (isCouncilBody(body)) return body.slice(4);
  if (isDistrictOfficeBody(body)) return body.slice(3);
  return null;
}

/** The body's German short name: "BVV Neukölln", "Bezirksamt Neukölln", else the id. */
export function bodyName(body: string): string {
  const district = districtOfBody(body);
  // A district's party name is its office's: "Bezirksamt Neukölln".
  const name = district === null ? null : partyNameOn(district)?.name.replace(/^Bezirksamt /, '');
  if (!name) return body;
  return isCouncilBody(body) ? `BVV ${name}` : `Bezirksamt ${name}`;
}
