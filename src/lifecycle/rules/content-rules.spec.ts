import { buildFollowUp, buildValidityExtension, checkFollowUpFreeze, checkValidityExtension } from './content-rules.js';
import { indicator, wohnhilfenContent } from '../../../test/fixtures/lifecycle-fixtures.js';
import type { AgreementDocument } from '../../documents/agreement.types.js';

const predecessor = wohnhilfenContent({ notes: 'nur im Vorgänger' });
const followUp = () => buildFollowUp(predecessor, { id: 'soziale-wohnhilfen-2026', title: 'Folgezielvereinbarung Soziale Wohnhilfen' });

describe('buildFollowUp', () => {
  it('carries over parties, structure, standards, indicators and measure packages', () => {
    const next = followUp();
    expect(next).toEqual({
      formatVersion: 1,
      id: 'soziale-wohnhilfen-2026',
      title: 'Folgezielvereinbarung Soziale Wohnhilfen',
      legalBasis: predecessor.legalBasis,
      policyArea: predecessor.policyArea,
      leadDepartment: 'senias',
      entryIntoForce: 'perDistrict',
      validity: { from: null, until: null },
      parties: predecessor.parties,
      steeringFields: predecessor.steeringFields,
      measurePackages: predecessor.measurePackages,
      predecessor: 'soziale-wohnhilfen',
    });
  });

  it('keeps indicator values as the predecessor had them', () => {
    const withValues = wohnhilfenContent();
    withValues.steeringFields[0].qualityStandards[0].indicators[0] = indicator('indikator-1', { minimumValue: 80, targetValue: 95 });
    const next = buildFollowUp(withValues, { id: 'x', title: 'X' });
    expect(next.steeringFields[0].qualityStandards[0].indicators[0]).toMatchObject({ minimumValue: 80, targetValue: 95 });
    expect(next.steeringFields[0].qualityStandards[1].indicators[0]).toMatchObject({ minimumValue: null, targetValue: null });
  });

  it('copies: editing the follow-up leaves the predecessor untouched', () => {
    const next = followUp();
    (next as AgreementDocument).parties[0].name = 'geändert';
    next.steeringFields[0].qualityStandards[0].indicators[0].targetValue = 1;
    expect(predecessor.parties[0].name).toBe('Senatsverwaltung für Integration, Arbeit und Soziales');
    expect(predecessor.steeringFields[0].qualityStandards[0].indicators[0].targetValue).toBeNull();
  });
});

describe('checkFollowUpFreeze', () => {
  it('lists each missing minimum and target value of the focus field with path and label', () => {
    const problems = checkFollowUpFreeze(followUp());
    // five standards with one indicator each, two values per indicator; the other fields have no focus
    expect(problems).toHaveLength(10);
    expect(problems.every((p) => p.code === 'INVALID_STATE' && p.rule === 'FOCUS_VALUE_MISSING')).toBe(true);
    expect(problems[0]).toMatchObject({
      path: '/steeringFields/0/qualityStandards/0/indicators/0/minimumValue',
      label: 'Klientinnen- bzw. Klientenperspektive › Sofortiges Tätigwerden bei Räumungsklagen › Indikator 1 › Mindestwert',
    });
    expect(problems[7]).toMatchObject({
      path: '/steeringFields/0/qualityStandards/3/indicators/0/targetValue',
      label: 'Klientinnen- bzw. Klientenperspektive › Begleitung Zwangsräumungen › Indikator 1 › Zielwert',
    });
    expect(problems[7].message).toContain('Begleitung Zwangsräumungen › Indikator 1 › Zielwert');
  });

  it('names only the value that is still missing, and nothing once all are set', () => {
    const next = followUp();
    const standards = next.steeringFields[0].qualityStandards;
    standards.forEach((s) => (s.indicators = [indicator('indikator-1', { minimumValue: 1, targetValue: 2 })]));
    expect(checkFollowUpFreeze(next)).toEqual([]);
    standards[3].indicators[0].minimumValue = null;
    expect(checkFollowUpFreeze(next).map((p) => p.label)).toEqual([
      'Klientinnen- bzw. Klientenperspektive › Begleitung Zwangsräumungen › Indikator 1 › Mindestwert',
    ]);
  });

  it('treats 0 as a value', () => {
    const next = followUp();
    next.steeringFields[0].qualityStandards.forEach((s) => (s.indicators = [indicator('i', { minimumValue: 0, targetValue: 0 })]));
    expect(checkFollowUpFreeze(next)).toEqual([]);
  });

  it('ignores fields without focus and agreements that are no follow-up', () => {
    const next = followUp();
    next.steeringFields[1].qualityStandards = [{ id: 'q', title: 'Q', indicators: [indicator('i')] }];
    expect(checkFollowUpFreeze(next)).toHaveLength(10);
    expect(checkFollowUpFreeze(predecessor)).toEqual([]);
  });
});

describe('checkValidityExtension', () => {
  it('accepts a later end date and nothing else', () => {
    expect(checkValidityExtension(predecessor, buildValidityExtension(predecessor, '2025-12-31'))).toEqual([]);
  });

  it('accepts a first end date when there was none', () => {
    const open = wohnhilfenContent({ validity: { from: null, until: null } });
    expect(checkValidityExtension(open, buildValidityExtension(open, '2025-12-31'))).toEqual([]);
  });

  it('refuses an end date that is not later', () => {
    const same = checkValidityExtension(predecessor, buildValidityExtension(predecessor, '2023-12-31'));
    expect(same.map((p) => p.rule)).toEqual(['EXTENSION_NOT_LATER']);
    const earlier = checkValidityExtension(predecessor, buildValidityExtension(predecessor, '2023-06-30'));
    expect(earlier[0]).toMatchObject({ code: 'BAD_INPUT', path: '/validity/until', label: 'Geltungsdauer › Ende' });
  });

  it('refuses a missing or malformed end date', () => {
    const none = { ...predecessor, validity: { from: null, until: null } };
    expect(checkValidityExtension(predecessor, none).map((p) => p.rule)).toEqual(['EXTENSION_UNTIL_INVALID']);
    expect(checkValidityExtension(predecessor, buildValidityExtension(predecessor, '31.12.2025')).map((p) => p.rule)).toEqual([
      'EXTENSION_UNTIL_INVALID',
    ]);
  });

  it('lists every other change by its label', () => {
    const extended = buildValidityExtension(predecessor, '2025-12-31') as AgreementDocument;
    extended.validity.from = '2022-01-01';
    extended.steeringFields[0].qualityStandards[3].indicators[0].targetValue = 90;
    extended.measurePackages = extended.measurePackages.slice(1);
    const problems = checkValidityExtension(predecessor, extended);
    expect(problems.map((p) => [p.rule, p.label])).toEqual([
      ['EXTENSION_CHANGES_CONTENT', 'Geltungsdauer › Beginn'],
      ['EXTENSION_CHANGES_CONTENT', 'Klientinnen- bzw. Klientenperspektive › Begleitung Zwangsräumungen › Indikator 1 › Zielwert'],
      ['EXTENSION_CHANGES_CONTENT', 'Daten'],
    ]);
    expect(problems[1].message).toBe(
      'A validity extension may only change the end date, but it changes Klientinnen- bzw. Klientenperspektive › Begleitung Zwangsräumungen › Indikator 1 › Zielwert',
    );
  });
});

describe('buildValidityExtension', () => {
  it('replaces the end date on a copy', () => {
    const extended = buildValidityExtension(predecessor, '2025-12-31');
    expect(extended.validity).toEqual({ from: null, until: '2025-12-31' });
    expect(predecessor.validity.until).toBe('2023-12-31');
    expect({ ...extended, validity: predecessor.validity }).toEqual(predecessor);
  });
});
