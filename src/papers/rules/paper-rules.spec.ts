import { LifecycleEventKind } from '../../lifecycle/rules/events.js';
import {
  bodyName,
  checkConsultation,
  checkPaper,
  paperEvents,
  papersKnownBy,
  parseReference,
  type ConsultationFacts,
  type Paper,
  type PaperFacts,
} from './index.js';

const paper = (extra: Partial<PaperFacts> = {}): PaperFacts => ({
  body: 'bvv-neukoelln',
  reference: '1265/XXI',
  type: 'Vorlage zur Kenntnisnahme',
  subject: 'Zielvereinbarung',
  date: '2024-01-09',
  originator: 'BA/SozGes',
  public: true,
  legalGround: '§ 15 BezVG',
  agreementId: 'soziale-wohnhilfen',
  agreementVersion: 2,
  concerns: 'extension',
  oparlId: null,
  note: null,
  ...extra,
});

const step = (extra: Partial<ConsultationFacts> = {}): ConsultationFacts => ({
  kind: 'councilConsultation',
  body: 'bvv-neukoelln',
  date: '2024-04-17',
  meeting: 'öffentliche Sitzung',
  meetingNumber: 30,
  role: 'Kenntnisnahme',
  result: 'zur Kenntnis genommen',
  finished: true,
  oparlId: null,
  note: null,
  ...extra,
});

const rules = (violations: Array<{ rule: string }>) => violations.map((v) => v.rule);
const TODAY = '2024-06-01';

describe('paper reference', () => {
  it('reads number and legislative term', () => {
    expect(parseReference('1265/XXI')).toEqual({ number: 1265, termNumeral: 'XXI', term: 21 });
    expect(parseReference('2415/XX')).toEqual({ number: 2415, termNumeral: 'XX', term: 20 });
    expect(parseReference('7/XIX')?.term).toBe(19);
    expect(parseReference('12/IV')?.term).toBe(4);
  });

  it.each(['1265', '1265/21', '1265/xxi', '1265/IIII', '0/XXI', '01265/XXI', '1265/XXI ', '1265 /XXI', '/XXI', '1265/VV'])('refuses %p', (r) => {
    expect(parseReference(r)).toBeNull();
  });
});

describe('checkPaper', () => {
  it('accepts the real paper 1265/XXI, linked to the version its extension made', () => {
    expect(checkPaper(paper(), TODAY, { number: 2, madeByExtension: true })).toEqual([]);
  });

  it('accepts a paper whose facts are unknown', () => {
    const unknown = paper({ type: null, subject: null, date: null, originator: null, public: null, legalGround: null, note: 'nicht genannt' });
    expect(checkPaper(unknown, TODAY)).toEqual([]);
  });

  it('refuses a bad reference, a body that is no district council, a future date, empty text', () => {
    expect(rules(checkPaper(paper({ reference: '1265-XXI' }), TODAY))).toEqual(['BAD_REFERENCE']);
    expect(rules(checkPaper(paper({ body: 'ba-neukoelln' }), TODAY))).toEqual(['UNKNOWN_BODY']);
    expect(rules(checkPaper(paper({ body: 'bvv-atlantis' }), TODAY))).toEqual(['UNKNOWN_BODY']);
    expect(rules(checkPaper(paper({ date: '2024-06-02' }), TODAY))).toEqual(['DATE_IN_FUTURE']);
    expect(rules(checkPaper(paper({ subject: ' ' }), TODAY))).toEqual(['EMPTY_TEXT']);
    expect(rules(checkPaper(paper({ oparlId: 'paper-1' }), TODAY))).toEqual(['BAD_OPARL_ID']);
    expect(checkPaper(paper({ reference: 'x' }), TODAY)[0].code).toBe('BAD_INPUT');
  });

  it('needs a whole and fitting link', () => {
    expect(rules(checkPaper(paper({ agreementId: null, concerns: null }), TODAY))).toEqual(['LINK_INCOMPLETE']);
    expect(rules(checkPaper(paper({ agreementId: null, agreementVersion: null }), TODAY))).toEqual(['LINK_INCOMPLETE']);
    expect(rules(checkPaper(paper({ agreementVersion: null }), TODAY))).toEqual(['LINK_INCOMPLETE']);
    const mismatch = checkPaper(paper({ agreementVersion: 1 }), TODAY, { number: 1, madeByExtension: false });
    expect(mismatch).toEqual([expect.objectContaining({ code: 'INVALID_STATE', rule: 'LINK_MISMATCH' })]);
    expect(checkPaper(paper({ agreementVersion: 1, concerns: 'draftBeforeSignature' }), TODAY, { number: 1, madeByExtension: false })).toEqual([]);
  });
});

describe('checkConsultation', () => {
  const of = { body: 'bvv-neukoelln', date: '2024-01-09' as const };

  it('accepts the council step and the district office decision of its district', () => {
    expect(checkConsultation(of, step(), TODAY)).toEqual([]);
    expect(checkConsultation(of, step({ kind: 'districtOfficeDecision', body: 'ba-neukoelln', date: '2024-01-09' }), TODAY)).toEqual([]);
  });

  it('refuses another district office, a date before the paper or in the future, a meeting number below 1', () => {
    expect(rules(checkConsultation(of, step({ kind: 'districtOfficeDecision', body: 'ba-mitte' }), TODAY))).toEqual(['UNKNOWN_BODY']);
    expect(rules(checkConsultation(of, step({ date: '2024-01-08' }), TODAY))).toEqual(['BEFORE_PAPER']);
    expect(rules(checkConsultation(of, step({ date: '2024-06-02' }), TODAY))).toEqual(['DATE_IN_FUTURE']);
    expect(rules(checkConsultation(of, step({ meetingNumber: 0 }), TODAY))).toEqual(['BAD_MEETING_NUMBER']);
    expect(rules(checkConsultation({ ...of, date: null }, step({ date: '2021-10-28' }), TODAY))).toEqual([]);
  });

  it("takes a consultation by the paper's council or one of its committees, and no other body", () => {
    expect(checkConsultation(of, step({ body: 'bvv-neukoelln-ausschuss-soziales' }), TODAY)).toEqual([]);
    expect(rules(checkConsultation(of, step({ body: 'bvv-pankow' }), TODAY))).toEqual(['UNKNOWN_BODY']);
    expect(rules(checkConsultation(of, step({ body: 'ba-neukoelln' }), TODAY))).toEqual(['UNKNOWN_BODY']);
    expect(rules(checkConsultation(of, step({ body: 'bvv-neukoelln-' }), TODAY))).toEqual(['UNKNOWN_BODY']);
  });
});

describe('papers on the timeline', () => {
  const stored = (facts: PaperFacts, steps: ConsultationFacts[]): Paper => ({
    ...facts,
    id: facts.reference,
    recordedBy: 'system',
    oparlModified: null,
    deleted: false,
    fingerprint: null,
    revision: 0,
    consultations: steps.map((s, i) => ({
      ...s,
      id: `${facts.reference}-${i}`,
      paperId: facts.reference,
      recordedBy: 'system',
      oparlModified: null,
      deleted: false,
      fingerprint: null,
    })),
  });
  const real = stored(paper(), [
    step({
      kind: 'districtOfficeDecision',
      body: 'ba-neukoelln',
      date: '2024-01-09',
      meeting: null,
      meetingNumber: null,
      role: null,
      result: 'beschlossen',
      finished: null,
    }),
    step(),
  ]);
  const older = stored(
    paper({ reference: '2415/XX', date: null, type: null, originator: null, agreementVersion: 1, concerns: 'draftBeforeSignature' }),
    [step({ date: '2021-10-28', meeting: null, meetingNumber: null, role: null, finished: null })],
  );

  it('gives the paper and its dated steps German details', () => {
    expect(paperEvents(real).map((e) => [e.date, e.kind, e.detail])).toEqual([
      ['2024-01-09', LifecycleEventKind.PAPER, 'Drucksache 1265/XXI: Vorlage zur Kenntnisnahme (Bezirksamt Neukölln, 09.01.2024)'],
      ['2024-01-09', LifecycleEventKind.CONSULTATION, 'Bezirksamt Neukölln: beschlossen (Drucksache 1265/XXI)'],
      [
        '2024-04-17',
        LifecycleEventKind.CONSULTATION,
        'BVV Neukölln, 30. öffentliche Sitzung: zur Kenntnis genommen, Beratungsfolge beendet (Drucksache 1265/XXI)',
      ],
    ]);
    // An undated paper has no place on the timeline; its dated steps do.
    expect(paperEvents(older).map((e) => e.detail)).toEqual(['BVV Neukölln: zur Kenntnis genommen (Drucksache 2415/XX)']);
  });

  it('knows a paper from its first dated fact', () => {
    expect(papersKnownBy([real, older], null).map((p) => p.reference)).toEqual(['2415/XX', '1265/XXI']);
    expect(papersKnownBy([real, older], '2023-06-30').map((p) => p.reference)).toEqual(['2415/XX']);
    expect(papersKnownBy([real, older], '2021-10-27')).toEqual([]);
  });

  it('names bodies in German', () => {
    expect(bodyName('bvv-neukoelln')).toBe('BVV Neukölln');
    expect(bodyName('ba-friedrichshain-kreuzberg')).toBe('Bezirksamt Friedrichshain-Kreuzberg');
    expect(bodyName('ausschuss-soziales')).toBe('ausschuss-soziales');
  });
});
