import type { AgreementDocument } from './agreement.types.js';
import { AGREEMENT_KIND } from './parse-agreement.js';
import { DEFAULT_LIMITS, MAX_PROBLEMS, parseYamlDocument } from './parse-yaml-document.js';
import type { DocumentKind } from './parse-yaml-document.js';
import * as agreementModule from './parse-agreement.js';
import type { Locate, Problem } from './problems.js';
import { loadSchema, schemaValidator } from './schema-validator.js';

interface Freeze {
  version: number;
  frozenOn: string;
}

/** A kind of document made up for these tests, on the lifecycle schema; its rule is arbitrary but visible. */
function kind(rules?: DocumentKind<unknown>['rules']): DocumentKind<unknown> {
  return {
    schemaFile: 'lifecycle.schema.json',
    emptyMessage: 'the document is empty; write something',
    rootKeysHint: 'a, b, c',
    ...(rules ? { rules } : {}),
  };
}

const valid = 'formatVersion: 1\nagreement: x\nevents:\n  - freeze: {version: 1, frozenOn: 2024-01-01}\n';

describe('parseYamlDocument', () => {
  it('returns the plain content and the text of a document that passes the schema and the rules', () => {
    const result = parseYamlDocument(valid, kind());
    expect(result).toEqual({
      ok: true,
      text: valid,
      content: { formatVersion: 1, agreement: 'x', events: [{ freeze: { version: 1, frozenOn: '2024-01-01' } }] },
    });
  });

  it('takes the kind-specific messages from the kind, with a neutral default for the file', () => {
    const problemsOf = (text: string) => {
      const r = parseYamlDocument(text, kind());
      return r.ok ? [] : r.problems.map((p) => p.message);
    };
    expect(problemsOf('')).toEqual(['the document is empty; write something']);
    expect(problemsOf('- 1\n')).toEqual(['the document must be a mapping of keys (a, b, c), got a list']);
    expect(problemsOf(`${valid}---\n`)).toEqual(['a second YAML document starts here; this file holds exactly one document']);
  });

  it('runs the rules only once the schema passes, and sorts, locates and labels their problems', () => {
    let calls = 0;
    const rules = (content: unknown, locate: Locate): Problem[] => {
      calls++;
      const { events } = content as { events: { freeze: Freeze }[] };
      const at = (i: number) => `/events/${i}/freeze/frozenOn`;
      // Returned out of order on purpose.
      return events.map((_, i) => ({ ...locate(at(i)), path: at(i), code: 'rule', message: 'no' })).reverse();
    };
    const twice = `${valid}  - freeze: {version: 2, frozenOn: 2024-01-02}\n`;
    const result = parseYamlDocument(twice, kind(rules), { file: 'f.yaml' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toEqual([
        { file: 'f.yaml', line: 4, column: 36, path: '/events/0/freeze/frozenOn', code: 'rule', message: 'no' },
        { file: 'f.yaml', line: 5, column: 36, path: '/events/1/freeze/frozenOn', code: 'rule', message: 'no' },
      ]);
    }
    expect(calls).toBe(1);
    expect(parseYamlDocument(twice.replace('version: 2', 'version: 0'), kind(rules)).ok).toBe(false);
    expect(calls).toBe(1);
  });

  it('applies the same limits and the same cut of the problem list to every kind', () => {
    expect(parseYamlDocument(valid, kind(), { limits: { maxBytes: 10 } })).toMatchObject({ ok: false, problems: [{ code: 'too-large' }] });
    const many = `formatVersion: 1\nagreement: x\nevents:\n${'  - {}\n'.repeat(MAX_PROBLEMS + 5)}`;
    const result = parseYamlDocument(many, kind());
    expect(result.ok || result.problems.length).toBe(MAX_PROBLEMS + 1);
    expect(DEFAULT_LIMITS).toBe(agreementModule.DEFAULT_LIMITS);
    expect(MAX_PROBLEMS).toBe(agreementModule.MAX_PROBLEMS);
  });

  it('is what parseAgreement calls with the agreement kind', () => {
    const text = 'formatVersion: 1\nid: x\n';
    const viaKind = parseYamlDocument<AgreementDocument>(text, AGREEMENT_KIND, { file: 'a.yaml' });
    expect(agreementModule.parseAgreement(text, { file: 'a.yaml' })).toEqual(viaKind);
    expect(AGREEMENT_KIND.schemaFile).toBe('agreement.schema.json');
  });
});

describe('schema files', () => {
  it('reads and compiles each schema once, with its own validator', () => {
    expect(loadSchema('agreement.schema.json')).toBe(loadSchema('agreement.schema.json'));
    expect(loadSchema('lifecycle.schema.json').$id).toBe('lifecycle.schema.json');
    expect(schemaValidator('agreement.schema.json')).toBe(schemaValidator('agreement.schema.json'));
    expect(schemaValidator('agreement.schema.json')).not.toBe(schemaValidator('lifecycle.schema.json'));
  });

  it('accepts only plain file names under schema/', () => {
    for (const name of ['../package.json', 'schema/agreement.schema.json', '/etc/passwd', 'agreement.schema.yaml', '']) {
      expect(() => loadSchema(name)).toThrow(/file name under schema\//);
    }
  });
});
