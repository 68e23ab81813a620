import { AppError } from '../common/app-error.js';
import { actingFor, assertMayEdit, assertMayReadAudit, assertMaySignFor, assertMaySignForParty, mayCallMutation, systemActor } from './policy.js';
import type { Actor } from '../common/actor.js';

const actor = (over: Partial<Actor>): Actor => ({ subject: 's', name: 'N', roles: [], departments: [], district: null, body: null, ...over });
const editor = actor({ roles: ['senate-editor'], departments: ['senias'] });
const signatory = actor({ roles: ['district-signatory'], district: 'neukoelln' });
const admin = actor({ roles: ['admin'] });
const reader = actor({ roles: ['reader'] });

const code = (fn: () => void) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return (e as AppError).code;
  }
};

describe('policy', () => {
  it('denies a mutation without a rule to everyone, admins included', () => {
    expect(mayCallMutation(admin, 'dropEverything')).toBe(false);
  });

  it('lets each role call only its mutations', () => {
    expect(mayCallMutation(editor, 'saveDraft')).toBe(true);
    expect(mayCallMutation(editor, 'recordSignature')).toBe(false);
    expect(mayCallMutation(signatory, 'recordSignature')).toBe(true);
    expect(mayCallMutation(signatory, 'freezeVersion')).toBe(false);
    expect(mayCallMutation(reader, 'createAgreement')).toBe(false);
    expect(mayCallMutation(admin, 'withdrawSignature')).toBe(true);
  });

  it('binds editors to their lead department and signatories to their district', () => {
    expect(code(() => assertMayEdit(editor, 'senias'))).toBe('ok');
    expect(code(() => assertMayEdit(editor, 'senfin'))).toBe('FORBIDDEN');
    expect(code(() => assertMayEdit(admin, 'senfin'))).toBe('ok');
    expect(code(() => assertMaySignFor(signatory, 'neukoelln'))).toBe('ok');
    expect(code(() => assertMaySignFor(signatory, 'mitte'))).toBe('FORBIDDEN');
    expect(code(() => assertMaySignFor(editor, 'senias'))).toBe('FORBIDDEN');
  });

  it('lets signatories sign only for a party of kind district, whatever id their district claim holds', () => {
    // A claim naming a Senate department is refused with the token; a document may still give a district's id another kind.
    const claimsSenate = actor({ roles: ['district-signatory'], district: 'senias' });
    expect(code(() => assertMaySignForParty(claimsSenate, { id: 'senias', kind: 'senateDepartment' }))).toBe('FORBIDDEN');
    expect(code(() => assertMaySignForParty(signatory, { id: 'neukoelln', kind: 'senateDepartment' }))).toBe('FORBIDDEN');
    expect(code(() => assertMaySignForParty(signatory, { id: 'neukoelln', kind: 'district' }))).toBe('ok');
    expect(code(() => assertMaySignForParty(signatory, { id: 'mitte', kind: 'district' }))).toBe('FORBIDDEN');
    expect(code(() => assertMaySignForParty(admin, { id: 'senias', kind: 'senateDepartment' }))).toBe('ok');
  });

  it('opens the audit log to admins, and to editors for their own agreements only', () => {
    expect(code(() => assertMayReadAudit(admin, null))).toBe('ok');
    expect(code(() => assertMayReadAudit(editor, 'senias'))).toBe('ok');
    expect(code(() => assertMayReadAudit(editor, null))).toBe('FORBIDDEN');
    expect(code(() => assertMayReadAudit(reader, 'senias'))).toBe('FORBIDDEN');
  });

  it('names what an actor acts for, and treats direct database access as admin', () => {
    expect(actingFor(editor)).toBe('senias');
    expect(actingFor(signatory)).toBe('neukoelln');
    expect(actingFor(reader)).toBeNull();
    expect(systemActor('cli:root').roles).toEqual(['admin']);
  });
});
