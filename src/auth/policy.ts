import { AppError, ErrorCode } from '../common/app-error.js';
import type { Actor, Role } from '../common/actor.js';
import { PartyKind } from '../documents/agreement.types.js';

/**
 * Which roles may call which mutation. Deny by default: a mutation missing here is refused for
 * everyone, and the role × mutation test fails until it gets its rule. Who may act on which
 * agreement, district or body is checked by the assert* functions below, in the services.
 */
export const MUTATION_ROLES: Readonly<Record<string, readonly Role[]>> = {
  createAgreement: ['senate-editor', 'admin'],
  saveDraft: ['senate-editor', 'admin'],
  freezeVersion: ['senate-editor', 'admin'],
  extendValidity: ['senate-editor', 'admin'],
  amendAgreement: ['senate-editor', 'admin'],
  createFollowUpDraft: ['senate-editor', 'admin'],
  recordSignature: ['district-signatory', 'admin'],
  withdrawSignature: ['district-signatory', 'admin'],
  recordPaper: ['council-office', 'admin'],
  recordConsultation: ['council-office', 'admin'],
  importOParl: ['council-office', 'admin'],
  linkPaper: ['council-office', 'admin'],
};

export function mayCallMutation(actor: Actor, mutation: string): boolean {
  const roles = MUTATION_ROLES[mutation];
  return roles !== undefined && actor.roles.some((r) => roles.includes(r));
}

const forbidden = (message: string) => new AppError(ErrorCode.FORBIDDEN, message);

/** Senate editors act only for agreements led by a department they act for. */
export function assertMayEdit(actor: Actor, leadDepartment: string | null): void {
  if (actor.roles.includes('admin')) return;
  // An agreement whose lead is not known (a format-2 document may say so) has no department to edit it.
  if (leadDepartment === null) throw forbidden('the lead department of this agreement is not known; only an admin may edit it');
  if (actor.roles.includes('senate-editor') && actor.departments.includes(leadDepartment)) return;
  throw forbidden(`you may not edit agreements led by '${leadDepartment}'`);
}

/** District signatories sign for their own district only. */
export function assertMaySignFor(actor: Actor, party: string): void {
  if (actor.roles.includes('admin')) return;
  if (actor.roles.includes('district-signatory') && actor.district === party) return;
  throw forbidden(`you may not record signatures for '${party}'`);
}

/** Once the signed version is read: a signatory signs only for a party it lists as a district, never for a Senate department. */
export function assertMaySignForParty(actor: Actor, party: { id: string; kind: PartyKind }): void {
  assertMaySignFor(actor, party.id);
  if (actor.roles.includes('admin') || party.kind === PartyKind.DISTRICT) return;
  throw forbidden(`you may not record signatures for '${party.id}'`);
}

/** Council offices record the papers of their own council body only. */
export function assertMayRecordPapersOf(actor: Actor, body: string): void {
  if (actor.roles.includes('admin')) return;
  if (actor.roles.includes('council-office') && actor.body === body) return;
  throw forbidden(`you may not record papers of '${body}'`);
}

/** Admins read the whole audit log; editors read it for agreements they may edit. */
export function assertMayReadAudit(actor: Actor, leadDepartment: string | null): void {
  if (actor.roles.includes('admin')) return;
  if (leadDepartment !== null && actor.roles.includes('senate-editor') && actor.departments.includes(leadDepartment)) return;
  throw forbidden('the audit log is open to admins, and to editors for the agreements they lead');
}

/** The parties an actor acts for, as recorded in the audit log. */
export function actingFor(actor: Actor): string | null {
  const parties = [...actor.departments, actor.district, actor.body].filter((p): p is string => !!p);
  return parties.length > 0 ? parties.join(',') : null;
}

/** Used where the database is reached directly (CLI, loader): whoever holds the credentials is admin. */
export function systemActor(subject: string, name = subject): Actor {
  return { subject, name, roles: ['admin'], departments: [], district: null, body: null };
}
