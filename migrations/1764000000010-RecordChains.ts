import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each append-only table: its kind in the register log, its trigger function, the time it was
 * recorded at, and how an entry names a row (`row` is the row's alias).
 */
const TABLES = [
  {
    table: 'agreement_versions',
    kind: 'version',
    fn: 'zv_log_version',
    at: 'created_at',
    agreement: (row: string) => `${row}.agreement_id`,
    ref: (row: string) => `${row}.number::text`,
  },
  {
    table: 'follow_ups',
    kind: 'followUp',
    fn: 'zv_log_follow_up',
    at: 'recorded_at',
    agreement: (row: string) => `${row}.successor_id`,
    ref: (row: string) => `${row}.successor_id`,
  },
  {
    table: 'version_freezes',
    kind: 'freeze',
    fn: 'zv_log_freeze',
    at: 'recorded_at',
    agreement: (row: string) => `${row}.agreement_id`,
    ref: (row: string) => `${row}.version::text`,
  },
  {
    table: 'signatures',
    kind: 'signature',
    fn: 'zv_log_signature',
    at: 'recorded_at',
    agreement: (row: string) => `${row}.agreement_id`,
    ref: (row: string) => `${row}.id::text`,
  },
  {
    table: 'signature_withdrawals',
    kind: 'withdrawal',
    fn: 'zv_log_withdrawal',
    at: 'recorded_at',
    agreement: (row: string) => `(SELECT s.agreement_id FROM signatures s WHERE s.id = ${row}.signature_id)`,
    ref: (row: string) => `${row}.signature_id::text`,
  },
  {
    table: 'amendments',
    kind: 'amendment',
    fn: 'zv_log_amendment',
    at: 'recorded_at',
    agreement: (row: string) => `${row}.agreement_id`,
    ref: (row: string) => `${row}.id::text`,
  },
  {
    table: 'audit_log',
    kind: 'audit',
    fn: 'zv_log_audit',
    at: 'at',
    agreement: (row: string) => `${row}.agreement_id`,
    ref: (row: string) => `${row}.id::text`,
  },
];

/**
 * The register log: one hash chain over every append-only record (versions, freezes, signatures,
 * withdrawals, amendments, follow-up links, audit entries). A deferred trigger appends an entry when
 * the inserting transaction commits, under one lock, so entries are numbered in commit order and no
 * writer path can forget it. An entry holds the hash of its record's fields and a hash over its own
 * number, kind, reference, record hash and the previous entry's hash: a deleted record leaves an entry
 * without its record, an altered one a record hash that no longer matches, a deleted or moved entry a
 * broken link, and the last entry's hash is the register's head.
 *
 * Text form hashed (src/integrity/register-log.ts builds the same to verify): each field as
 * `<characters>:<text>`, or `-` for null, concatenated; dates as YYYY-MM-DD, times as UTC with
 * microseconds; SHA-256 over the UTF-8 bytes, as hex.
 */
export class RecordChains1764000000010 implements MigrationInterface {
  name = 'RecordChains1764000000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE register_log (
        seq            bigint PRIMARY KEY CHECK (seq > 0),
        kind           text NOT NULL,
        agreement_id   text,
        ref            text NOT NULL,
        record_hash    char(64) NOT NULL,
        previous_hash  char(64),
        hash           char(64) NOT NULL,
        CHECK ((seq = 1) = (previous_hash IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX register_log_record ON register_log (kind, ref, coalesce(agreement_id, ''))`);
    await q.query(`CREATE TRIGGER register_log_append_only BEFORE UPDATE OR DELETE ON register_log FOR EACH ROW EXECUTE FUNCTION zv_refuse_change()`);
    await q.query(`CREATE TRIGGER register_log_no_truncate BEFORE TRUNCATE ON register_log FOR EACH STATEMENT EXECUTE FUNCTION zv_refuse_change()`);

    await q.query(`CREATE FUNCTION zv_field(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE WHEN value IS NULL THEN '-' ELSE length(value) || ':' || value END $$`);
    await q.query(`CREATE FUNCTION zv_list(items text[]) RETURNS text LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE WHEN items IS NULL THEN NULL
        ELSE coalesce((SELECT string_agg(zv_field(i), '' ORDER BY n) FROM unnest(items) WITH ORDINALITY AS u(i, n)), '') END $$`);
    await q.query(`CREATE FUNCTION zv_day(d date) RETURNS text LANGUAGE sql STABLE AS $$ SELECT to_char(d, 'YYYY-MM-DD') $$`);
    await q.query(`CREATE FUNCTION zv_time(t timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
      SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') $$`);
    await q.query(
      `CREATE FUNCTION zv_sha256(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT encode(sha256(convert_to(t, 'UTF8')), 'hex') $$`,
    );

    // The fields of each kind of record, in the order src/integrity/register-log.ts lists them.
    const recordText = (type: string, fields: string[]) =>
      q.query(`CREATE FUNCTION zv_record_text(r ${type}) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT ${fields.map((f) => `zv_field(${f})`).join(' || ')} $$`);
    await recordText('agreement_versions', ['r.agreement_id', 'r.number::text', 'r.chain_hash::text']);
    await recordText('follow_ups', [
      'r.successor_id',
      'r.predecessor_id',
      'r.predecessor_version::text',
      'zv_day(r.created_on)',
      'r.source',
      'r.actor',
      'zv_time(r.recorded_at)',
    ]);
    await recordText('version_freezes', ['r.agreement_id', 'r.version::text', 'zv_day(r.frozen_on)', 'r.actor', 'zv_time(r.recorded_at)']);
    await recordText('signatures', [
      'r.id::text',
      'r.agreement_id',
      'r.version::text',
      'r.content_hash::text',
      'r.party',
      'r.role',
      'r.person_name',
      'r.office',
      'zv_day(r.signed_on)',
      'r.level',
      'r.evidence_file_name',
      'r.evidence_sha256::text',
      'r.recorded_by',
      'zv_time(r.recorded_at)',
    ]);
    await recordText('signature_withdrawals', ['r.signature_id::text', 'zv_day(r.withdrawn_on)', 'r.reason', 'r.actor', 'zv_time(r.recorded_at)']);
    await recordText('amendments', [
      'r.id::text',
      'r.agreement_id',
      'r.type',
      'r.base_version::text',
      'r.new_version::text',
      'r.source',
      'zv_day(r.decided_on)',
      'zv_day(r.effective_on)',
      'r.actor',
      'zv_time(r.recorded_at)',
    ]);
    await recordText('audit_log', [
      'r.id::text',
      'zv_time(r.at)',
      'r.subject',
      'r.name',
      'zv_list(r.roles)',
      'r.party',
      'r.operation',
      'r.agreement_id',
      'r.version::text',
      'r.args_digest::text',
      'r.outcome',
    ]);

    await q.query(`
      CREATE FUNCTION zv_log_append(entry_kind text, entry_agreement text, entry_ref text, record_text text)
      RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        last register_log%ROWTYPE;
        next_seq bigint;
        record_hash text := zv_sha256(record_text);
      BEGIN
        -- Held until commit: one writer at a time extends the log, and the next sees its entry.
        PERFORM pg_advisory_xact_lock(726010);
        SELECT * INTO last FROM register_log ORDER BY seq DESC LIMIT 1;
        next_seq := coalesce(last.seq, 0) + 1;
        INSERT INTO register_log (seq, kind, agreement_id, ref, record_hash, previous_hash, hash)
        VALUES (next_seq, entry_kind, entry_agreement, entry_ref, record_hash, last.hash,
                zv_sha256(zv_field(next_seq::text) || zv_field(entry_kind) || zv_field(entry_agreement) || zv_field(entry_ref)
                          || zv_field(record_hash) || zv_field(last.hash::text)));
      END $$`);

    // Existing records join the log in a fixed order: by time, then kind, agreement and key.
    const existing = TABLES.map(
      ({ table, kind, at, agreement, ref }, rank) =>
        `SELECT r.${at} AS at, ${rank} AS rank, '${kind}' AS kind, ${agreement('r')} AS agreement_id, ${ref('r')} AS ref,
                zv_record_text(r) AS record_text FROM ${table} r`,
    ).join('\n UNION ALL ');
    await q.query(`
      DO $$
      DECLARE entry record;
      BEGIN
        FOR entry IN SELECT * FROM (${existing}) records ORDER BY at, rank, agreement_id COLLATE "C", ref COLLATE "C" LOOP
          PERFORM zv_log_append(entry.kind, entry.agreement_id, entry.ref, entry.record_text);
        END LOOP;
      END $$`);

    for (const { table, kind, fn, agreement, ref } of TABLES) {
      await q.query(`
        CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM zv_log_append('${kind}', ${agreement('NEW')}, ${ref('NEW')}, zv_record_text(NEW));
          RETURN NULL;
        END $$`);
      // Deferred to commit: the log lock is taken last, after every lock the transaction holds.
      await q.query(`
        CREATE CONSTRAINT TRIGGER ${table}_register_log AFTER INSERT ON ${table}
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { table, fn } of TABLES) {
      await q.query(`DROP TRIGGER ${table}_register_log ON ${table}`);
      await q.query(`DROP FUNCTION ${fn}()`);
    }
    await q.query('DROP FUNCTION zv_log_append(text, text, text, text)');
    for (const { table } of TABLES) await q.query(`DROP FUNCTION zv_record_text(${table})`);
    await q.query('DROP FUNCTION zv_sha256(text), zv_time(timestamptz), zv_day(date), zv_list(text[]), zv_field(text)');
    await q.query('DROP TABLE register_log');
  }
}
