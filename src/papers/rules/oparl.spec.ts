import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  agreementIdsNamed,
  mapOParl,
  mapOParlSources,
  oparlDecision,
  oparlFingerprint,
  readOParl,
  stepFingerprint,
  type OParlPaper,
} from './index.js';

// Invented OParl examples (https://oparl.example.org/…), see examples/oparl/README.md.
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(process.cwd(), 'examples/oparl', name), 'utf8'));
const BODY = 'bvv-neukoelln';
const PAPER = 'https://oparl.example.org/bodies/1/papers/4711';

function papers(json: unknown): OParlPaper[] {
  const reading = mapOParl(json, BODY);
  if (!reading.ok) throw new Error(reading.problems.map((p) => p.message).join('; '));
  return reading.papers;
}

function problems(json: unknown): { path?: string; rule: string; code: string }[] {
  const reading = mapOParl(json, BODY);
  if (reading.ok) throw new Error('expected problems');
  return reading.problems.map(({ path, rule, code }) => ({ path, rule, code }));
}

describe('OParl 1.1 import mapping', () => {
  it('maps a paper with an embedded consultation by its id, not its reference', () => {
    const [paper] = papers(fixture('paper-embedded.json'));
    expect(paper.oparlId).toBe(PAPER);
    expect(paper.deleted).toBe(false);
    expect(paper.modified).toBe('2024-01-10T09:00:00+01:00');
    expect(paper.facts).toMatchObject({
      body: BODY,
      reference: '4711/XXI',
      type: 'Vorlage zur Kenntnisnahme',
      subject: 'Beispiel: Verlängerung der Zielvereinbarung',
      date: '2024-01-09',
      oparlId: PAPER,
      agreementId: null,
    });
    // Without the meeting and agenda item, both stay their URLs.
    expect(paper.consultations).toEqual([
      expect.objectContaining({
        oparlId: 'https://oparl.example.org/bodies/1/consultations/4711-1',
        kind: 'councilConsultation',
        body: BODY,
        role: 'Kenntnisnahme',
        date: null,
        result: null,
        meeting: 'https://oparl.example.org/bodies/1/meetings/30',
        note: expect.stringContaining('https://oparl.example.org/bodies/1/agendaitems/900'),
      }),
    ]);
  });

  it('takes the date from the meeting and the result from the agenda item', () => {
    const reading = mapOParlSources(
      [
        { source: 'paper-embedded.json', json: fixture('paper-embedded.json') },
        { source: 'meeting-and-agenda-item.json', json: fixture('meeting-and-agenda-item.json') },
      ],
      BODY,
    );
    if (!reading.ok) throw new Error(JSON.stringify(reading.problems));
    expect(reading.papers[0].consultations).toEqual([
      expect.objectContaining({
        date: '2024-04-17',
        meeting: '30. öffentliche Sitzung der BVV',
        result: 'zur Kenntnis genommen',
        finished: true,
        note: null,
      }),
    ]);
  });

  it('finds the meeting through the agenda item when the consultation names only the agenda item', () => {
    const paper = fixture('paper-embedded.json') as { consultation: Record<string, unknown>[] };
    delete paper.consultation[0].meeting;
    const list = fixture('meeting-and-agenda-item.json') as { data: unknown[] };
    const [mapped] = papers([paper, ...list.data]);
    expect(mapped.consultations[0]).toMatchObject({ date: '2024-04-17', result: 'zur Kenntnis genommen' });
  });

  it('keeps a consultation that is only referenced as its URL', () => {
    const [paper] = papers(fixture('paper-referenced.json'));
    expect(paper.consultations).toEqual([
      expect.objectContaining({
        oparlId: 'https://oparl.example.org/bodies/1/consultations/4712-1',
        date: null,
        meeting: null,
        result: null,
        note: 'OParl consultation not in the import: https://oparl.example.org/bodies/1/consultations/4712-1',
      }),
    ]);
  });

  it('reads a deleted paper as deleted', () => {
    const [paper] = papers(fixture('paper-deleted.json'));
    expect(paper).toMatchObject({ oparlId: PAPER, deleted: true, consultations: [] });
  });

  it('changes nothing for the same object again or an out-of-date modified, and revises for a later one', () => {
    const [first] = papers(fixture('paper-embedded.json'));
    const state = (p: OParlPaper) => ({ modified: p.modified, fingerprint: oparlFingerprint(p) });
    const stored = state(first);
    expect(oparlDecision(null, state(first))).toBe('new');
    expect(oparlDecision(stored, state(first))).toBe('unchanged');
    const older = { ...first, modified: '2024-01-01T00:00:00+01:00', facts: { ...first.facts, subject: 'older' } };
    expect(oparlDecision(stored, state(older))).toBe('unchanged');
    const same = { ...first, facts: { ...first.facts, subject: 'same modified, other text' } };
    expect(oparlDecision(stored, state(same))).toBe('unchanged');
    const [deleted] = papers(fixture('paper-deleted.json'));
    expect(oparlDecision(stored, state(deleted))).toBe('revise');
    // Recorded by hand (no fingerprint, no modified): the import's content replaces it.
    expect(oparlDecision({ modified: null, fingerprint: null }, state(first))).toBe('revise');
  });

  it('dates a consultation by the latest modified of it, its meeting and its agenda item, and decides it on its own', () => {
    const [alone] = papers(fixture('paper-embedded.json'));
    expect(alone.consultations[0]).toMatchObject({ modified: null, deleted: false });
    const later = fixture('meeting-and-agenda-item.json');
    const [withResult] = papers([fixture('paper-embedded.json'), ...(later as { data: unknown[] }).data]);
    expect(withResult.consultations[0]).toMatchObject({ modified: '2024-04-18T08:00:00+02:00', result: 'zur Kenntnis genommen' });
    // The paper itself did not change, so its fingerprint is the same; the consultation's is not.
    expect(oparlFingerprint(withResult)).toBe(oparlFingerprint(alone));
    const step = (p: OParlPaper) => ({ modified: p.consultations[0].modified, fingerprint: stepFingerprint(p.consultations[0]) });
    expect(oparlDecision(step(alone), step(withResult))).toBe('revise');
    expect(oparlDecision(step(withResult), step(alone))).toBe('unchanged');
    expect(oparlDecision(step(withResult), step(withResult))).toBe('unchanged');
  });

  it('reads a deleted consultation as deleted', () => {
    const paper = fixture('paper-embedded.json') as { consultation: Record<string, unknown>[] };
    paper.consultation[0].deleted = true;
    expect(papers(paper)[0].consultations[0].deleted).toBe(true);
    paper.consultation[0].deleted = 'ja';
    expect(problems(paper)).toEqual([{ path: '/consultation/0/deleted', rule: 'OPARL_FIELD', code: 'BAD_INPUT' }]);
  });

  it('names the JSON path of each problem', () => {
    expect(problems(fixture('not-oparl.json'))).toEqual([
      { path: '/id', rule: 'OPARL_ID', code: 'BAD_INPUT' },
      { path: '/type', rule: 'OPARL_TYPE', code: 'BAD_INPUT' },
    ]);
    const bad = fixture('paper-embedded.json') as Record<string, unknown> & { consultation: Record<string, unknown>[] };
    bad.date = '09.01.2024';
    bad.consultation[0].meeting = 42;
    bad.consultation.push(7 as never);
    delete bad.reference;
    expect(problems({ data: [bad] })).toEqual([
      { path: '/data/0/reference', rule: 'OPARL_FIELD', code: 'BAD_INPUT' },
      { path: '/data/0/date', rule: 'OPARL_DATE', code: 'BAD_INPUT' },
      { path: '/data/0/consultation/1', rule: 'OPARL_REFERENCE', code: 'BAD_INPUT' },
      { path: '/data/0/consultation/0/meeting', rule: 'OPARL_REFERENCE', code: 'BAD_INPUT' },
    ]);
  });

  it('refuses text that is not JSON, JSON that is not an object and an import without a paper', () => {
    const notJson = readOParl('{"id": ', BODY);
    expect(notJson.ok ? [] : notJson.problems.map((p) => p.rule)).toEqual(['OPARL_NOT_JSON']);
    expect(problems(42)).toEqual([{ path: '', rule: 'OPARL_SHAPE', code: 'BAD_INPUT' }]);
    expect(problems(fixture('meeting-and-agenda-item.json'))).toEqual([{ path: '', rule: 'OPARL_NO_PAPER', code: 'BAD_INPUT' }]);
  });

  it('prefixes the paths of a folder import with the file name', () => {
    const reading = mapOParlSources([{ source: 'x.json', json: { data: [{ type: 'x' }] } }], BODY);
    expect(reading.ok ? [] : reading.problems.map((p) => p.path)).toEqual(['x.json#/data/0/id', 'x.json#/data/0/type']);
  });

  it('finds agreement ids named as whole words only', () => {
    expect(agreementIdsNamed('Zielvereinbarung soziale-wohnhilfen verlängert', ['soziale-wohnhilfen', 'wohnhilfen'])).toEqual(['soziale-wohnhilfen']);
    expect(agreementIdsNamed(null, ['a'])).toEqual([]);
  });
});
