import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root.js';
import { CONSULTATION_KINDS, PAPER_CONCERNS } from '../papers/rules/index.js';
import { keysOf } from '../../test/support/type-lists.js';
import type { ConsultationEntry, PaperEntry } from './papers-file.types.js';
import { parsePapersFile } from './parse-papers.js';
import { formatProblem } from './problems.js';
import { loadSchema } from './schema-validator.js';

const FILE = 'agreements/soziale-wohnhilfen.papers.yaml';
const shipped = readFileSync(join(projectRoot(), FILE), 'utf8');
const parse = (text: string) => parsePapersFile(text, { file: 'x.papers.yaml' });
const problems = (text: string) => {
  const result = parse(text);
  return result.ok ? [] : result.problems.map(formatProblem);
};

describe('papers files', () => {
  it('reads the shipped papers of Soziale Wohnhilfen, with the modeline', () => {
    const result = parsePapersFile(shipped, { file: FILE });
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    expect(result.text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/papers.schema.json');
    expect(result.content.papers.map((p) => [p.reference, p.date, p.agreementVersion, p.concerns])).toEqual([
      ['2415/XX', null, 1, 'draftBeforeSignature'],
      ['1265/XXI', '2024-01-09', 2, 'extension'],
    ]);
    expect(result.content.papers.flatMap((p) => p.consultations.map((c) => c.date))).toEqual([
      '2021-10-26',
      '2021-10-28',
      '2024-01-09',
      '2024-04-17',
    ]);
  });

  it('locates a bad reference, a term that is no usual roman numeral, a paper given twice, a missing key', () => {
    expect(problems(shipped.replace('reference: 2415/XX', 'reference: 2415-XX'))).toEqual([
      expect.stringMatching(/^x\.papers\.yaml:\d+:\d+ \/papers\/0\/reference /),
    ]);
    expect(problems(shipped.replace('reference: 2415/XX', 'reference: 2415/XXXX'))).toEqual([
      expect.stringMatching(/\/papers\/0\/reference 'XXXX' is not a roman numeral in its usual form/),
    ]);
    expect(problems(shipped.replace('reference: 2415/XX', 'reference: 1265/XXI'))).toEqual([
      expect.stringMatching(/\/papers\/1\/reference paper 1265\/XXI of 'bvv-neukoelln' is already at \/papers\/0$/),
    ]);
    expect(problems(shipped.replace('    legalGround: null\n', ''))).toEqual([
      expect.stringContaining("/papers/0 missing required key 'legalGround'"),
    ]);
  });

  it('has the keys of its types and the fixed lists of the rules', () => {
    const schema = loadSchema('papers.schema.json') as {
      $defs: Record<string, { required: string[]; properties: Record<string, { enum?: unknown[] }> }>;
    };
    const keys = (def: string) => {
      const { required, properties } = schema.$defs[def];
      return {
        required: [...required].sort(),
        optional: Object.keys(properties)
          .filter((k) => !required.includes(k))
          .sort(),
      };
    };
    expect(keys('paper')).toEqual(
      keysOf<PaperEntry>()(
        ['body', 'reference', 'type', 'subject', 'date', 'originator', 'public', 'legalGround', 'agreementVersion', 'concerns', 'consultations'],
        ['oparlId', 'note'],
      ),
    );
    expect(keys('consultation')).toEqual(
      keysOf<ConsultationEntry>()(['kind', 'body', 'date', 'meeting', 'meetingNumber', 'role', 'result', 'finished'], ['oparlId', 'note']),
    );
    expect(schema.$defs.paper.properties.concerns.enum).toEqual([...PAPER_CONCERNS, null]);
    expect(schema.$defs.consultation.properties.kind.enum).toEqual([...CONSULTATION_KINDS]);
  });
});
