import { sampleAgreementYaml } from './support/documents.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Each hostile document is refused with a clear, located error, and nothing is stored. */
describe('hostile input', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOAD_AGREEMENTS: 'false', MAX_DOCUMENT_BYTES: String(64 * 1024) });
    t.defaultToken = await t.token({ name: 'Erika Muster', roles: ['senate-editor'], departments: ['senin'] });
  });
  afterAll(async () => {
    await t.close();
  });

  const attempt = async (yaml: string) => {
    const res = await t.gql(`mutation($y: String!) { createAgreement(yaml: $y) { number } }`, { y: yaml });
    const stored = await t.sql('SELECT count(*)::int AS n FROM agreement_versions');
    return { res, stored: stored[0].n as number };
  };
  const problemsOf = (res: Awaited<ReturnType<typeof attempt>>['res']) => {
    expect(res.data).toBeNull();
    expect(res.errors![0].extensions!.code).toBe('VALIDATION_FAILED');
    return res.errors![0].extensions!.problems as Array<{ code: string; line: number; column: number; message: string }>;
  };

  it('refuses a document over the configured size limit', async () => {
    const big = sampleAgreementYaml('gross', `notes: "${'x'.repeat(70 * 1024)}"\n`);
    const { res, stored } = await attempt(big);
    const [p] = problemsOf(res);
    expect(p).toMatchObject({ code: 'too-large', line: 1, column: 1 });
    expect(p.message).toMatch(/65536/);
    expect(stored).toBe(0);
  });

  it('refuses an alias expansion bomb', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const { res, stored } = await attempt(levels.join('\n') + '\n');
    expect(problemsOf(res).map((p) => p.code)).toContain('alias-limit');
    expect(stored).toBe(0);
  });

  it('refuses deep nesting', async () => {
    const deep = 'notes: ' + '['.repeat(500) + ']'.repeat(500) + '\n';
    const { res, stored } = await attempt(sampleAgreementYaml('tief').replace('predecessor: null', 'predecessor: null\n' + deep));
    expect(problemsOf(res).map((p) => p.code)).toContain('too-deep');
    expect(stored).toBe(0);
  });

  it('refuses a multi-document stream', async () => {
    const { res, stored } = await attempt(sampleAgreementYaml('eins') + '---\n' + sampleAgreementYaml('zwei'));
    const p = problemsOf(res).find((x) => x.code === 'multiple-documents');
    expect(p).toBeDefined();
    expect(p!.line).toBeGreaterThan(40);
    expect(stored).toBe(0);
  });

  it('refuses an empty document and one with only comments', async () => {
    for (const yaml of ['', '   \n', '# nur ein Kommentar\n']) {
      const { res, stored } = await attempt(yaml);
      expect(problemsOf(res).map((p) => p.code)).toEqual(['empty']);
      expect(stored).toBe(0);
    }
  });

  it('refuses YAML syntax errors and duplicate keys, located', async () => {
    const syntax = await attempt(sampleAgreementYaml('syntax').replace('title: Kundenperspektive', 'title: [Kundenperspektive'));
    expect(problemsOf(syntax.res)[0]).toMatchObject({ code: 'yaml-syntax' });
    const dup = await attempt(sampleAgreementYaml('dup').replace('policyArea: Bürgerdienste', 'policyArea: Bürgerdienste\npolicyArea: Anderes'));
    expect(problemsOf(dup.res)[0]).toMatchObject({ code: 'duplicate-key', line: 8 });
    expect(dup.stored).toBe(0);
  });

  it('refuses a document that is not a mapping', async () => {
    const { res } = await attempt('- eine\n- Liste\n');
    expect(problemsOf(res)).toHaveLength(1);
  });

  describe('with the default limits', () => {
    let defaults: TestApp;
    let as: string;
    beforeAll(async () => {
      defaults = await startTestApp({ LOAD_AGREEMENTS: 'false' });
      as = await defaults.token({ roles: ['senate-editor'], departments: ['senin'] });
    });
    afterAll(async () => {
      await defaults.close();
    });

    it('takes a document just under 1 MiB and refuses one just over it with a located problem', async () => {
      const padded = (id: string, bytes: number) => {
        const base = sampleAgreementYaml(id, 'notes: ""\n');
        return base.replace('notes: ""', `notes: "${'ä'.repeat(Math.floor((bytes - Buffer.byteLength(base)) / 2))}"`);
      };
      const under = padded('knapp-darunter', 1024 * 1024 - 64);
      expect(Buffer.byteLength(under)).toBeLessThanOrEqual(1024 * 1024);
      const ok = await defaults.gql(`mutation($y: String!) { createAgreement(yaml: $y) { number } }`, { y: under }, { as });
      expect(ok.errors).toBeUndefined();
      const over = padded('knapp-darueber', 1024 * 1024 + 64);
      const refused = await defaults.gql(`mutation($y: String!) { createAgreement(yaml: $y) { number } }`, { y: over }, { as });
      expect(refused.status).toBe(200); // the body fits the request limit; the document limit refuses it, located
      expect(refused.errors![0].extensions!.problems[0]).toMatchObject({ code: 'too-large', line: 1, column: 1 });
    });

    it('answers 1 MiB of unclosed quotes, one per line, with located problems and how many more there are', async () => {
      const yaml = 'a: "x\n'.repeat(170_000);
      const res = await defaults.gql(
        `query($y: String!) { validateAgreement(yaml: $y) { valid problems { line column path code message } } }`,
        { y: yaml },
        { as },
      );
      expect(res.errors).toBeUndefined();
      const { valid, problems } = res.data!.validateAgreement;
      expect(valid).toBe(false);
      expect(problems[0]).toEqual({
        line: 1,
        column: 4,
        path: '/a',
        code: 'yaml-syntax',
        message: 'Missing closing "quote; opened here, still open at line 1',
      });
      expect(problems).toHaveLength(1001);
      expect(problems[1000]).toMatchObject({ code: 'too-many-problems', message: '169000 more problems not shown' });
    }, 180_000); // 1 MiB of YAML takes its time to parse on a busy machine; nothing here is about speed
  });
});
