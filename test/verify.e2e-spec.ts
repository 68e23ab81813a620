import { rmSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { runCli } from './support/cli.js';
import { agreementsWithInferredLevels, sampleAgreementYaml } from './support/documents.js';
import { createTestDatabase, startTestApp, type TestApp } from './support/test-app.js';
import { readAgreementFiles } from '../src/agreement-files/agreement-files.js';
import { FolderImporter } from '../src/agreement-files/folder-importer.js';
import { AuditService } from '../src/audit/audit.service.js';
import { systemActor } from '../src/auth/policy.js';
import { CliModule } from '../src/cli/cli.module.js';
import { Logger } from '../src/common/logger.js';
import { loadConfig } from '../src/config/config.js';
import { createDataSource } from '../src/database/data-source.js';
import { entities } from '../src/entities.js';
import { IntegrityService } from '../src/integrity/integrity.service.js';
import { migrations } from '../migrations/index.js';

const SIGN = `mutation($input: RecordSignatureInput!) { recordSignature(input: $input) { id } }`;
const WITHDRAW = `mutation($input: WithdrawSignatureInput!) { withdrawSignature(input: $input) { id } }`;
const RECORD_TABLES = [
  'agreement_versions',
  'version_freezes',
  'signatures',
  'signature_withdrawals',
  'amendments',
  'follow_ups',
  'council_papers',
  'council_consultations',
  'council_paper_revisions',
  'council_consultation_revisions',
  'audit_log',
] as const;

// Each verify runs the real CLI process; on a busy machine one run takes seconds.
const SLOW = 240_000;

/**
 * Records you can trust: every append-only record is in the register log, and `verify` names each
 * record deleted, altered or stored behind the service's back, as someone with direct database access
 * (triggers switched off) could do it. What no chain can show by itself, a register emptied or cut
 * short at its end, the head kept outside shows.
 */
describe('verify: every record tamper-evident', () => {
  let t: TestApp;
  let env: Record<string, string>;
  let db: pg.Client;
  let signatureId: string;
  const verify = (...args: string[]) => runCli(['verify', ...args], env);
  const headOf = (stdout: string) => /^head: ([0-9a-f]{64})$/m.exec(stdout)?.[1];
  const logCount = async () => Number((await t.sql('SELECT count(*)::int AS n FROM register_log'))[0].n);

  beforeAll(async () => {
    t = await startTestApp(); // the shipped agreements: versions, a freeze, signatures, an extension, a follow-up
    env = { DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'error' };
    db = new pg.Client({ connectionString: t.superuserUrl });
    await db.connect();
    const editor = await t.token({ name: 'Erika Editor', roles: ['senate-editor'], departments: ['senin'] });
    const mitte = await t.token({ name: 'Max Mitte', roles: ['district-signatory'], district: 'mitte' });
    const reader = await t.token({ name: 'Lea Leser', roles: ['reader'] });
    t.defaultToken = editor;
    const ok = (res: { errors?: unknown[] }) => expect(res.errors).toBeUndefined();
    ok(await t.gql(`mutation($y: String!) { createAgreement(yaml: $y) { number } }`, { y: sampleAgreementYaml('pruefung') }));
    ok(await t.gql(`mutation { freezeVersion(agreementId: "pruefung", version: 1, frozenOn: "2024-01-10") { number } }`));
    const signed = await t.gql(
      SIGN,
      {
        input: {
          agreementId: 'pruefung',
          version: 1,
          party: 'mitte',
          role: 'finanzen',
          personName: 'Moritz Mitte 🖋',
          office: 'Bezirksamt Mitte',
          signedOn: '2024-02-01',
          level: 'QUALIFIED_ELECTRONIC',
          evidence: { fileName: 'unterschrift mitte.pdf', sha256: 'a'.repeat(64) },
        },
      },
      { as: mitte },
    );
    ok(signed);
    signatureId = signed.data!.recordSignature.id;
    const reason = 'Falsche Person erfasst:\n„Moritz“ statt „Max“ – Änderung folgt';
    ok(await t.gql(WITHDRAW, { input: { signatureId, withdrawnOn: '2024-02-02', reason } }, { as: mitte }));
    // A refused attempt is audited too.
    await t.gql(`mutation { freezeVersion(agreementId: "pruefung", version: 1) { number } }`, {}, { as: reader });
  }, SLOW);
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  /** As an intruder with direct access would: triggers (the append-only guard, the log) switched off. */
  const behindTheBack = async (...statements: Array<[string, unknown[]?]>) => {
    await db.query('SET session_replication_role = replica');
    try {
      for (const [sql, params] of statements) await db.query(sql, params);
    } finally {
      await db.query('SET session_replication_role = origin');
    }
  };
  const rowOf = async (table: string, where: string, params: unknown[]) =>
    (await db.query(`SELECT row_to_json(r) AS row FROM ${table} r WHERE ${where}`, params)).rows[0].row as Record<string, unknown>;
  const putBack = (table: string, row: Record<string, unknown>): [string, unknown[]] => [
    `INSERT INTO ${table} SELECT * FROM json_populate_record(NULL::${table}, $1)`,
    [JSON.stringify(row)],
  ];

  it(
    'logs every record of every kind and prints the head',
    async () => {
      const res = await verify();
      expect(res.code).toBe(0);
      const counts: Record<string, number> = {};
      for (const table of RECORD_TABLES) counts[table] = Number((await t.sql(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      const agreements = Number((await t.sql('SELECT count(*)::int AS n FROM agreements'))[0].n);
      expect(res.stdout).toContain(`chain intact: ${counts.agreement_versions} version(s) of ${agreements} agreement(s) verified`);
      expect(res.stdout).toContain(
        `records intact: ${total} in the register log (versions ${counts.agreement_versions}, follow-up links 1, freezes 2, signatures 3, ` +
          `withdrawals 1, amendments 1, council papers 2, consultations 4, paper revisions 0, consultation revisions 0, audit entries ${counts.audit_log})`,
      );
      const [last] = await t.sql('SELECT hash FROM register_log ORDER BY seq DESC LIMIT 1');
      expect(headOf(res.stdout)).toBe(last.hash);
    },
    SLOW,
  );

  it(
    '--expect: a head kept earlier holds while the register grows; one it never had does not',
    async () => {
      const kept = headOf((await verify()).stdout)!;
      const before = await logCount();
      expect(
        (await t.gql(`mutation($y: String!) { createAgreement(yaml: $y) { number } }`, { y: sampleAgreementYaml('spaeter') })).errors,
      ).toBeUndefined();
      const grown = await verify('--expect', kept);
      expect(grown.code).toBe(0);
      expect(grown.stdout).toContain(`expected head found at log entry ${before} of ${await logCount()}: everything it covered is unchanged`);
      expect(headOf(grown.stdout)).not.toBe(kept);

      const foreign = await verify('--expect', 'f'.repeat(64));
      expect(foreign.code).toBe(1);
      expect(foreign.stdout).toContain(`BROKEN: head ${'f'.repeat(64)} is not in the register log`);
      expect(headOf(foreign.stdout)).toBeUndefined();
      expect((await verify('--expect', 'kopf')).code).toBe(2);
    },
    SLOW,
  );

  it(
    'names each deleted, altered or smuggled-in record, and holds again once they are put back',
    async () => {
      const withdrawal = await rowOf('signature_withdrawals', 'signature_id = $1', [signatureId]);
      const freeze = await rowOf('version_freezes', `agreement_id = 'soziale-wohnhilfen' AND version = 1`, []);
      const signature = await rowOf('signatures', `agreement_id = 'soziale-wohnhilfen' AND role = 'soziales'`, []);
      const audit = await rowOf('audit_log', `outcome = 'FORBIDDEN'`, []);
      const amendment = await rowOf('amendments', `agreement_id = 'soziale-wohnhilfen'`, []);
      const paper = await rowOf('council_papers', `reference = '2415/XX'`, []);
      const step = await rowOf('council_consultations', `consulted_on = '2024-04-17'`, []);
      const [{ content_hash: otherContent }] = await t.sql(
        `SELECT content_hash FROM agreement_versions WHERE agreement_id = 'pruefung' AND number = 1`,
      );
      const [{ seq: withdrawalSeq }] = await t.sql(`SELECT seq::int AS seq FROM register_log WHERE kind = 'withdrawal' AND ref = $1`, [signatureId]);
      await behindTheBack(
        // Deleting the withdrawal revives the signature it withdrew.
        ['DELETE FROM signature_withdrawals WHERE signature_id = $1', [signatureId]],
        [`DELETE FROM version_freezes WHERE agreement_id = 'soziale-wohnhilfen' AND version = 1`],
        ['DELETE FROM signatures WHERE id = $1', [signature.id]],
        ['DELETE FROM audit_log WHERE id = $1', [audit.id]],
        // A council paper deleted (its steps stay), a step's result changed.
        ['DELETE FROM council_papers WHERE id = $1', [paper.id]],
        [`UPDATE council_consultations SET result = 'abgelehnt' WHERE id = $1`, [step.id]],
        [`UPDATE amendments SET source = 'Schreiben vom 01.01.2024' WHERE id = $1`, [amendment.id]],
        [`UPDATE follow_ups SET predecessor_version = 1 WHERE successor_id = 'soziale-wohnhilfen-2026'`],
        // A signature moved to other content: the record and its binding both break.
        [`UPDATE signatures SET content_hash = $1 WHERE agreement_id = 'soziale-wohnhilfen' AND role = 'finanzen'`, [otherContent]],
        [`INSERT INTO version_freezes (agreement_id, version, frozen_on, actor) VALUES ('spaeter', 1, '2024-05-01', 'jemand')`],
      );
      const [finanzen] = await t.sql(`SELECT id FROM signatures WHERE agreement_id = 'soziale-wohnhilfen' AND role = 'finanzen'`);
      const [{ content_hash: version1Hash }] = await t.sql(
        `SELECT content_hash FROM agreement_versions WHERE agreement_id = 'soziale-wohnhilfen' AND number = 1`,
      );
      const broken = await verify();
      expect(broken.code).toBe(1);
      const lines = broken.stdout.split('\n');
      const line = (start: string) => lines.find((l) => l.startsWith(start));
      expect(line(`BROKEN: withdrawal of signature ${String(signatureId)} of pruefung (log entry ${String(withdrawalSeq)})`)).toMatch(
        /: the record was deleted$/,
      );
      expect(line('BROKEN: freeze of version 1 of soziale-wohnhilfen')).toMatch(/: the record was deleted$/);
      expect(line(`BROKEN: signature ${String(signature.id)} of soziale-wohnhilfen`)).toMatch(/: the record was deleted$/);
      expect(line(`BROKEN: audit entry ${String(audit.id)} `)).toMatch(/: the record was deleted$/);
      expect(line(`BROKEN: amendment ${String(amendment.id)} of soziale-wohnhilfen`)).toMatch(/: the record was altered after it was stored$/);
      expect(line('BROKEN: follow-up link of soziale-wohnhilfen-2026')).toMatch(/: the record was altered after it was stored$/);
      expect(line(`BROKEN: signature ${finanzen.id} of soziale-wohnhilfen`)).toMatch(
        new RegExp(`: the record was altered after it was stored; it binds content hash ${otherContent}, but version 1 has ${version1Hash}$`),
      );
      expect(lines).toContain("BROKEN: freeze of version 1 of spaeter: not in the register log: it was stored behind the service's back");
      expect(line(`BROKEN: council paper ${String(paper.id)} of soziale-wohnhilfen (log entry `)).toMatch(/: the record was deleted$/);
      expect(line(`BROKEN: consultation ${String(step.id)} of soziale-wohnhilfen (log entry `)).toMatch(
        /: the record was altered after it was stored$/,
      );
      expect(lines.filter((l) => l.startsWith('BROKEN:'))).toHaveLength(10);
      expect(broken.stdout).toContain('chain intact:'); // the versions themselves were not touched
      expect(headOf(broken.stdout)).toBeUndefined();

      await behindTheBack(
        putBack('signature_withdrawals', withdrawal),
        putBack('version_freezes', freeze),
        putBack('signatures', signature),
        putBack('audit_log', audit),
        putBack('council_papers', paper),
        [`UPDATE council_consultations SET result = $1 WHERE id = $2`, [step.result, step.id]],
        [`UPDATE amendments SET source = $1 WHERE id = $2`, [amendment.source, amendment.id]],
        [`UPDATE follow_ups SET predecessor_version = 2 WHERE successor_id = 'soziale-wohnhilfen-2026'`],
        [`UPDATE signatures SET content_hash = $1 WHERE id = $2`, [version1Hash, finanzen.id]],
        [`DELETE FROM version_freezes WHERE agreement_id = 'spaeter'`],
      );
      const restored = await verify();
      expect(restored.stdout).not.toContain('BROKEN');
      expect(restored.code).toBe(0);
    },
    SLOW,
  );

  it(
    'names entries deleted from the log or moved in it',
    async () => {
      const entries = await t.sql(`SELECT row_to_json(l) AS row, seq::int AS seq FROM register_log l WHERE kind = 'signature' ORDER BY seq LIMIT 2`);
      const [first, second] = entries.map((e) => e.row as Record<string, unknown>);
      const gone = await rowOf('register_log', `seq = (SELECT min(seq) FROM register_log WHERE kind = 'freeze')`, []);
      await behindTheBack(
        ['UPDATE register_log SET seq = 999999999 WHERE seq = $1', [first.seq]],
        ['UPDATE register_log SET seq = $1 WHERE seq = $2', [first.seq, second.seq]],
        ['UPDATE register_log SET seq = $1 WHERE seq = 999999999', [second.seq]],
        ['DELETE FROM register_log WHERE seq = $1', [gone.seq]],
      );
      const broken = await verify();
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain(`BROKEN: register log: entry ${String(gone.seq)} is missing (deleted from the log)`);
      expect(broken.stdout).toContain(`BROKEN: freeze of version ${String(gone.ref)} of ${String(gone.agreement_id)}: not in the register log`);
      expect(broken.stdout).toMatch(
        new RegExp(
          `BROKEN: signature ${String(second.ref)} of ${String(second.agreement_id)} \\(log entry ${String(first.seq)}\\): .*the log entry was rewritten`,
        ),
      );

      await behindTheBack(
        putBack('register_log', gone),
        ['UPDATE register_log SET seq = 999999999 WHERE seq = $1', [first.seq]],
        ['UPDATE register_log SET seq = $1 WHERE seq = $2', [first.seq, second.seq]],
        ['UPDATE register_log SET seq = $1 WHERE seq = 999999999', [second.seq]],
      );
      expect((await verify()).code).toBe(0);
    },
    SLOW,
  );

  it(
    'a record cut off at the end with its entry leaves the chain whole; the head kept outside tells',
    async () => {
      const kept = headOf((await verify()).stdout)!;
      const last = await rowOf('register_log', 'seq = (SELECT max(seq) FROM register_log)', []);
      expect(last.kind).toBe('audit');
      const audit = await rowOf('audit_log', 'id = $1', [Number(last.ref)]);
      await behindTheBack(['DELETE FROM audit_log WHERE id = $1', [audit.id]], ['DELETE FROM register_log WHERE seq = $1', [last.seq]]);
      expect((await verify()).code).toBe(0);
      const told = await verify('--expect', kept);
      expect(told.code).toBe(1);
      expect(told.stdout).toContain(`BROKEN: head ${kept} is not in the register log`);
      await behindTheBack(putBack('audit_log', audit), putBack('register_log', last));
      expect((await verify('--expect', kept)).code).toBe(0);
    },
    SLOW,
  );

  it(
    'concurrent writers each get their own entry, in one unbroken chain',
    async () => {
      const before = await logCount();
      const results = await Promise.all(
        [1, 2, 3, 4, 5, 6].map((i) =>
          t.gql(`mutation($y: String!) { createAgreement(yaml: $y) { number } }`, { y: sampleAgreementYaml(`parallel-${i}`) }),
        ),
      );
      expect(results.filter((r) => r.errors)).toEqual([]);
      // Each: its version and its audit entry.
      expect(await logCount()).toBe(before + 12);
      const report = await t.app.get(IntegrityService).verify({}, 7);
      expect(report.log.findings).toEqual([]);
      expect(report.ok).toBe(true);
    },
    SLOW,
  );

  it(
    'an emptied register looks new by itself; the head kept outside tells',
    async () => {
      const kept = headOf((await verify()).stdout)!;
      // version_terms goes with the versions it is derived from.
      await behindTheBack([`TRUNCATE ${RECORD_TABLES.join(', ')}, version_terms, register_log, agreements`]);
      const empty = await verify();
      expect(empty.code).toBe(0);
      expect(empty.stdout).toContain('chain intact: 0 version(s) of 0 agreement(s) verified');
      expect(empty.stdout).toContain('head: none (the register is empty)');
      const told = await verify('--expect', kept);
      expect(told.code).toBe(1);
      expect(told.stdout).toContain(`BROKEN: head ${kept} is not in the register log`);
    },
    SLOW,
  );
});

describe('verify: a register stored before the register log', () => {
  it('gets every existing record logged by the migration, in order of time, and verifies', async () => {
    const url = await createTestDatabase();
    const config = loadConfig({ ...process.env, DATABASE_URL: url });
    const before = new DataSource({ ...createDataSource(url, { entities }).options, migrations: migrations.slice(0, 3) });
    await before.initialize();
    await before.runMigrations();
    // The shipped agreements and an audit entry, written as the service wrote them then (before a level could be unknown).
    const shipped = agreementsWithInferredLevels();
    const old = await NestFactory.createApplicationContext(CliModule.register(config, before, new Logger('error')), { logger: false });
    await old.get(FolderImporter).import(readAgreementFiles([shipped]), {
      dryRun: false,
      actor: systemActor('system:test'),
      operation: 'import',
      onConflict: 'refuse',
      changeNote: (file) => `Import aus ${file}`,
    });
    await old.get(AuditService).record({
      actor: systemActor('a1', 'Anna Admin'),
      operation: 'freezeVersion',
      args: { agreementId: 'x' },
      agreementId: 'x',
      version: 1,
      outcome: 'NOT_FOUND',
    });
    await old.close();
    await before.destroy();
    rmSync(shipped, { recursive: true, force: true });

    const after = createDataSource(url, { entities });
    await after.initialize();
    const services = await NestFactory.createApplicationContext(CliModule.register(config, after, new Logger('error')), { logger: false });
    try {
      expect((await after.runMigrations()).map((m) => m.name)).toEqual(migrations.slice(3).map((m) => m.name));
      expect(migrations[3].name).toBe('RecordChains1764000000010');
      let records = 0;
      for (const table of RECORD_TABLES) records += Number((await after.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
      const report = await services.get(IntegrityService).verify();
      expect(report.log.findings).toEqual([]);
      expect(report).toMatchObject({ ok: true, log: { records } });
      // The import audits each file it stored, and the entry above: every audit row is in the log.
      const audited = Number((await after.query('SELECT count(*)::int AS n FROM audit_log'))[0].n);
      expect(audited).toBeGreaterThan(1);
      const versions = Number((await after.query('SELECT count(*)::int AS n FROM agreement_versions'))[0].n);
      expect(versions).toBeGreaterThanOrEqual(3);
      expect(report.log.byKind).toMatchObject({ version: versions, freeze: 1, signature: 2, amendment: 1, followUp: 1, audit: audited });
      const kinds = (await after.query('SELECT kind FROM register_log ORDER BY seq')).map((r: { kind: string }) => r.kind);
      // The last one stored is last in the log.
      expect(kinds[kinds.length - 1]).toBe('audit');
    } finally {
      await services.close();
      await after.destroy();
    }
  });
});
