export const ROLES = ['senate-editor', 'district-signatory', 'council-office', 'reader', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  subject: string;
  name: string;
  roles: Role[];
  /** Party ids of the Senate departments a senate-editor acts for. */
  departments: string[];
  /** The district party id a district-signatory signs for. */
  district: string | null;
  /** The council body (e.g. 'bvv-neukoelln') a council-office acts for. */
  body: string | null;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Stored as the author of versions, so it names the scope each role was exercised in:
 * a role alone would not tell a later reader which department or district acted.
 */
export function actorLabel(a: Actor): string {
  const scoped = a.roles.map((role) => {
    const scope = role === 'senate-editor' ? a.departments : role === 'district-signatory' ? [a.district] : role === 'council-office' ? [a.body] : [];
    return [role, ...scope.filter((s): s is string => !!s)].join(' ');
  });
  return scoped.length > 0 ? `${a.name} (${scoped.join(', ')})` : a.name;
}

/** Why a bearer token was refused; the access check turns it into UNAUTHENTICATED. */
export type TokenFailure =
  'missing' | 'malformed' | 'expired' | 'too-long-lived' | 'bad-signature' | 'wrong-audience' | 'wrong-issuer' | 'not-yet-valid' | 'no-roles';

/** A refused token, or keys of the identity provider that could not be fetched (a server fault). */
export type AuthFailure = TokenFailure | 'keys-unavailable';
