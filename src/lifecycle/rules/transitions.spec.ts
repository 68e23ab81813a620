import { LifecycleError, assertNoViolations, type LifecycleViolation } from './errors.js';
import type { AgreementHistory } from './lifecycle.types.js';
import { buildValidityExtension, checkAmendment, checkFreeze, checkSignature, checkWithdrawal, type SignatureInput } from './transitions.js';
import { buildFollowUp } from './content-rules.js';
import { history, indicator, signature, smallContent, version } from '../../../test/fixtures/lifecycle-fixtures.js';

const TODAY = '2024-06-01';
const content = smallContent();
const HASH = 'ab'.repeat(32);

const rules = (violations: LifecycleViolation[]) => violations.map((v) => [v.code, v.rule]);

describe('checkFreeze', () => {
  const drafts = history('klein', { versions: [version(1, content, '2024-01-01'), version(2, content, '2024-01-05')] });

  it('allows freezing the latest draft', () => {
    expect(checkFreeze(drafts, 2, '2024-02-01', TODAY)).toEqual([]);
  });

  it('refuses an unknown version', () => {
    expect(rules(checkFreeze(drafts, 7, '2024-02-01', TODAY))).toEqual([['BAD_INPUT', 'UNKNOWN_VERSION']]);
  });

  it('refuses an outdated draft', () => {
    const [problem] = checkFreeze(drafts, 1, '2024-02-01', TODAY);
    expect(problem).toMatchObject({ code: 'INVALID_STATE', rule: 'VERSION_OUTDATED' });
    expect(problem.message).toContain('outdated');
  });

  it('refuses a version frozen twice: a frozen version stays frozen', () => {
    const frozen = { ...drafts, freezes: [{ version: 2, frozenOn: '2024-02-01', actor: 'a' }] };
    expect(rules(checkFreeze(frozen, 2, '2024-03-01', TODAY))).toEqual([['INVALID_STATE', 'ALREADY_FROZEN']]);
  });

  it('refuses a freeze date in the future or not a date', () => {
    expect(rules(checkFreeze(drafts, 2, '2024-06-02', TODAY))).toEqual([['BAD_INPUT', 'DATE_IN_FUTURE']]);
    expect(rules(checkFreeze(drafts, 2, '2024-02-30', TODAY))).toEqual([['BAD_INPUT', 'INVALID_DATE']]);
  });

  it('refuses a freeze dated before the freeze of an earlier version', () => {
    const h = history('klein', {
      versions: [version(1, content, '2024-01-01'), version(2, content, '2024-01-05'), version(3, content, '2024-03-05')],
      freezes: [{ version: 1, frozenOn: '2024-03-01', actor: 'a' }],
    });
    expect(rules(checkFreeze(h, 3, '2024-02-01', TODAY))).toEqual([['BAD_INPUT', 'FROZEN_BEFORE_EARLIER']]);
  });

  it('refuses a follow-up whose focus indicators lack values, one problem per value', () => {
    const followUp = buildFollowUp(content, { id: 'klein-2', title: 'Folge' });
    followUp.steeringFields[0].qualityStandards[1].indicators = [indicator('i', { minimumValue: 1, targetValue: 2 })];
    const h = history('klein-2', { versions: [version(1, followUp, '2024-01-01')] });
    const problems = checkFreeze(h, 1, '2024-02-01', TODAY);
    expect(problems).toHaveLength(8);
    expect(problems.every((p) => p.code === 'INVALID_STATE' && p.rule === 'FOCUS_VALUE_MISSING')).toBe(true);
  });
});

describe('checkSignature', () => {
  const frozen = history('klein', {
    versions: [version(1, content, '2024-01-01')],
    freezes: [{ version: 1, frozenOn: '2024-02-01', actor: 'senias' }],
  });
  const input = (extra: Partial<SignatureInput> = {}): SignatureInput => ({
    version: 1,
    party: 'mitte',
    role: 'soziales',
    personName: 'Erika Muster',
    office: 'Bezirksstadträtin',
    signedOn: '2024-03-01',
    level: 'handwrittenScan',
    evidence: { fileName: 'unterschrift.pdf', sha256: HASH },
    ...extra,
  });

  it('allows a signature on the latest frozen version', () => {
    expect(checkSignature(frozen, input(), TODAY)).toEqual([]);
    expect(checkSignature(frozen, input({ evidence: null, signedOn: '2024-02-01' }), TODAY)).toEqual([]);
  });

  it('refuses an unknown version', () => {
    expect(rules(checkSignature(frozen, input({ version: 3 }), TODAY))).toEqual([['BAD_INPUT', 'UNKNOWN_VERSION']]);
  });

  it('refuses a draft', () => {
    const draft = { ...frozen, freezes: [] };
    expect(rules(checkSignature(draft, input(), TODAY))).toEqual([['INVALID_STATE', 'VERSION_NOT_FROZEN']]);
  });

  it('refuses an outdated version once a later one is frozen', () => {
    const h: AgreementHistory = {
      ...frozen,
      versions: [...frozen.versions, version(2, content, '2024-02-10')],
      freezes: [...frozen.freezes, { version: 2, frozenOn: '2024-02-15', actor: 'senias' }],
    };
    const [problem] = checkSignature(h, input(), TODAY);
    expect(problem).toMatchObject({ code: 'INVALID_STATE', rule: 'VERSION_OUTDATED' });
    expect(problem.message).toContain('outdated');
    expect(checkSignature(h, input({ version: 2 }), TODAY)).toEqual([]);
  });

  it('still accepts signatures on the frozen version while a newer draft is being written', () => {
    const h = { ...frozen, versions: [...frozen.versions, version(2, content, '2024-02-10')] };
    expect(checkSignature(h, input(), TODAY)).toEqual([]);
  });

  it('refuses a version produced by a content amendment being skipped: the older one is outdated', () => {
    const h: AgreementHistory = {
      ...frozen,
      versions: [...frozen.versions, version(2, smallContent({ title: 'Geändert' }), '2024-04-01')],
      amendments: [amendment('contentAmendment', 1, 2, '2024-04-01')],
    };
    expect(rules(checkSignature(h, input({ signedOn: '2024-05-01' }), TODAY))).toEqual([['INVALID_STATE', 'VERSION_OUTDATED']]);
    expect(checkSignature(h, input({ version: 2, signedOn: '2024-05-01' }), TODAY)).toEqual([]);
  });

  it('refuses an unknown party and a role the party does not have', () => {
    expect(rules(checkSignature(frozen, input({ party: 'spandau' }), TODAY))).toEqual([['BAD_INPUT', 'UNKNOWN_PARTY']]);
    expect(rules(checkSignature(frozen, input({ role: 'leitung' }), TODAY))).toEqual([['BAD_INPUT', 'UNKNOWN_ROLE']]);
  });

  it('refuses a role that has already signed, but accepts it again after a withdrawal', () => {
    const signed = { ...frozen, signatures: [signature(1, 'mitte', 'soziales', '2024-02-20')] };
    const [problem] = checkSignature(signed, input(), TODAY);
    expect(problem).toMatchObject({ code: 'INVALID_STATE', rule: 'ALREADY_SIGNED' });
    expect(problem.message).toContain('already signed');
    const withdrawn = {
      ...frozen,
      signatures: [signature(1, 'mitte', 'soziales', '2024-02-20', { withdrawal: { withdrawnOn: '2024-02-25', reason: 'x', actor: 'a' } })],
    };
    expect(checkSignature(withdrawn, input(), TODAY)).toEqual([]);
  });

  it('counts a signature carried over by a validity extension as already there', () => {
    const h: AgreementHistory = {
      ...frozen,
      versions: [...frozen.versions, version(2, buildValidityExtension(content, '2026-12-31'), '2024-04-01')],
      signatures: [signature(1, 'mitte', 'soziales', '2024-02-20')],
      amendments: [amendment('validityExtension', 1, 2, '2024-04-01')],
    };
    expect(rules(checkSignature(h, input({ version: 2, signedOn: '2024-05-01' }), TODAY))).toEqual([['INVALID_STATE', 'ALREADY_SIGNED']]);
    expect(checkSignature(h, input({ version: 2, role: 'finanzen', signedOn: '2024-05-01' }), TODAY)).toEqual([]);
  });

  it('refuses a signature before the freeze or after today', () => {
    expect(rules(checkSignature(frozen, input({ signedOn: '2024-01-31' }), TODAY))).toEqual([['BAD_INPUT', 'SIGNED_BEFORE_FREEZE']]);
    expect(rules(checkSignature(frozen, input({ signedOn: '2024-06-02' }), TODAY))).toEqual([['BAD_INPUT', 'DATE_IN_FUTURE']]);
    expect(rules(checkSignature(frozen, input({ signedOn: '1.3.2024' }), TODAY))).toEqual([['BAD_INPUT', 'INVALID_DATE']]);
  });

  it('refuses an empty name, a bad evidence checksum and an unknown level', () => {
    expect(rules(checkSignature(frozen, input({ personName: '  ' }), TODAY))).toEqual([['BAD_INPUT', 'EMPTY_PERSON_NAME']]);
    const shortHash = input({ evidence: { fileName: 'a.pdf', sha256: 'abc' } });
    expect(rules(checkSignature(frozen, shortHash, TODAY))).toEqual([['BAD_INPUT', 'BAD_EVIDENCE_HASH']]);
    const notHex = input({ evidence: { fileName: 'a.pdf', sha256: 'g'.repeat(64) } });
    expect(rules(checkSignature(frozen, notHex, TODAY))).toEqual([['BAD_INPUT', 'BAD_EVIDENCE_HASH']]);
    const level = input({ level: 'stamp' as never });
    expect(rules(checkSignature(frozen, level, TODAY))).toEqual([['BAD_INPUT', 'UNKNOWN_LEVEL']]);
  });
});

describe('checkWithdrawal', () => {
  const sig = signature(1, 'mitte', 'soziales', '2024-03-01');
  const h = history('klein', { versions: [version(1, content, '2024-01-01')], signatures: [sig] });

  it('allows withdrawing an active signature', () => {
    expect(checkWithdrawal(h, sig.id, '2024-03-01', 'Falsche Person', TODAY)).toEqual([]);
  });

  it('refuses an unknown signature', () => {
    expect(rules(checkWithdrawal(h, 'nope', '2024-04-01', 'x', TODAY))).toEqual([['BAD_INPUT', 'UNKNOWN_SIGNATURE']]);
  });

  it('refuses a second withdrawal', () => {
    const withdrawn = { ...h, signatures: [{ ...sig, withdrawal: { withdrawnOn: '2024-04-01', reason: 'x', actor: 'a' } }] };
    expect(rules(checkWithdrawal(withdrawn, sig.id, '2024-05-01', 'x', TODAY))).toEqual([['INVALID_STATE', 'ALREADY_WITHDRAWN']]);
  });

  it('refuses an empty reason and impossible dates', () => {
    expect(rules(checkWithdrawal(h, sig.id, '2024-04-01', ' ', TODAY))).toEqual([['BAD_INPUT', 'EMPTY_REASON']]);
    expect(rules(checkWithdrawal(h, sig.id, '2024-02-28', 'x', TODAY))).toEqual([['BAD_INPUT', 'WITHDRAWN_BEFORE_SIGNED']]);
    expect(rules(checkWithdrawal(h, sig.id, '2024-06-02', 'x', TODAY))).toEqual([['BAD_INPUT', 'DATE_IN_FUTURE']]);
  });
});

describe('checkAmendment', () => {
  const draft = history('klein', { versions: [version(1, content, '2024-01-01')] });
  const frozen = { ...draft, freezes: [{ version: 1, frozenOn: '2024-02-01', actor: 'senias' }] };
  const partlySigned = { ...frozen, signatures: [signature(1, 'mitte', 'soziales', '2024-02-10')] };
  const oneParty = {
    ...frozen,
    signatures: [signature(1, 'mitte', 'soziales', '2024-02-10'), signature(1, 'mitte', 'finanzen', '2024-02-11')],
  };
  const input = (type: 'validityExtension' | 'contentAmendment' | 'correction', extra = {}) => ({
    type,
    baseVersion: 1,
    decidedOn: '2024-05-01',
    effectiveOn: '2024-05-01',
    ...extra,
  });
  const extended = buildValidityExtension(content, '2027-12-31');
  const changed = smallContent({ title: 'Geänderter Titel' });

  it('allows extending a version signed completely by at least one party', () => {
    expect(checkAmendment(oneParty, input('validityExtension'), extended, TODAY)).toEqual([]);
  });

  it('refuses extending an unsigned or only partly signed version', () => {
    expect(rules(checkAmendment(frozen, input('validityExtension'), extended, TODAY))).toEqual([['INVALID_STATE', 'BASE_NOT_SIGNED']]);
    expect(rules(checkAmendment(partlySigned, input('validityExtension'), extended, TODAY))).toEqual([['INVALID_STATE', 'BASE_NOT_SIGNED']]);
  });

  it('refuses an extension that changes more than the end date', () => {
    const more = { ...extended, title: 'Anders' };
    const problems = checkAmendment(oneParty, input('validityExtension'), more, TODAY);
    expect(rules(problems)).toEqual([['BAD_INPUT', 'EXTENSION_CHANGES_CONTENT']]);
    expect(problems[0].label).toBe('Titel');
  });

  it('refuses amending anything but the latest version', () => {
    const h = { ...oneParty, versions: [...oneParty.versions, version(2, changed, '2024-03-01')] };
    expect(rules(checkAmendment(h, input('contentAmendment'), changed, TODAY))).toEqual([['INVALID_STATE', 'VERSION_OUTDATED']]);
    expect(rules(checkAmendment(h, input('contentAmendment', { baseVersion: 9 }), changed, TODAY))).toEqual([['BAD_INPUT', 'UNKNOWN_VERSION']]);
  });

  it('allows a content amendment of a frozen version, signed or not, and refuses one of a draft', () => {
    expect(checkAmendment(frozen, input('contentAmendment'), changed, TODAY)).toEqual([]);
    expect(checkAmendment(oneParty, input('contentAmendment'), changed, TODAY)).toEqual([]);
    expect(rules(checkAmendment(draft, input('contentAmendment'), changed, TODAY))).toEqual([['INVALID_STATE', 'BASE_NOT_FROZEN']]);
  });

  it('allows a correction only while nothing is signed', () => {
    expect(checkAmendment(draft, input('correction'), changed, TODAY)).toEqual([]);
    expect(checkAmendment(frozen, input('correction'), changed, TODAY)).toEqual([]);
    expect(rules(checkAmendment(partlySigned, input('correction'), changed, TODAY))).toEqual([['INVALID_STATE', 'BASE_SIGNED']]);
  });

  it('refuses an amendment that changes nothing or changes the id', () => {
    expect(rules(checkAmendment(frozen, input('contentAmendment'), content, TODAY))).toEqual([['BAD_INPUT', 'NO_CHANGE']]);
    const renamed = smallContent({ id: 'anders' });
    expect(rules(checkAmendment(frozen, input('correction'), renamed, TODAY))).toEqual([['BAD_INPUT', 'ID_CHANGED']]);
  });

  it('refuses impossible dates', () => {
    const amend = (extra: object) => rules(checkAmendment(frozen, input('contentAmendment', extra), changed, TODAY));
    expect(amend({ decidedOn: '2024-06-02', effectiveOn: '2024-06-02' })).toEqual([['BAD_INPUT', 'DATE_IN_FUTURE']]);
    expect(amend({ effectiveOn: '2024-04-30' })).toEqual([['BAD_INPUT', 'EFFECTIVE_BEFORE_DECIDED']]);
    expect(amend({ decidedOn: '2024-01-15' })).toEqual([['BAD_INPUT', 'DECIDED_BEFORE_FREEZE']]);
    expect(amend({ effectiveOn: 'bald' })).toEqual([['BAD_INPUT', 'INVALID_DATE']]);
  });

  it('refuses an unknown amendment type', () => {
    expect(rules(checkAmendment(frozen, input('merger' as never), changed, TODAY))).toEqual([['BAD_INPUT', 'UNKNOWN_AMENDMENT_TYPE']]);
  });
});

describe('assertNoViolations', () => {
  it('passes silently when nothing is wrong', () => {
    expect(() => assertNoViolations([])).not.toThrow();
  });

  it('throws a LifecycleError carrying every violation, INVALID_STATE outweighing BAD_INPUT', () => {
    const h = history('klein', { versions: [version(1, content, '2024-01-01')] });
    const problems = checkSignature(
      h,
      { version: 1, party: 'x', role: 'y', personName: '', office: null, signedOn: '2024-03-01', level: 'handwrittenScan', evidence: null },
      TODAY,
    );
    let error: unknown;
    try {
      assertNoViolations(problems);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LifecycleError);
    expect(error).toMatchObject({ code: 'INVALID_STATE', violations: problems, details: { violations: problems } });
    expect((error as Error).message).toContain('is a draft');
    expect(() => assertNoViolations(problems.filter((p) => p.code === 'BAD_INPUT'))).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});

function amendment(type: 'validityExtension' | 'contentAmendment' | 'correction', baseVersion: number, newVersion: number, on: string) {
  return { id: `a-${newVersion}`, type, baseVersion, newVersion, source: 'Schreiben', decidedOn: on, effectiveOn: on, actor: 'senias' };
}
