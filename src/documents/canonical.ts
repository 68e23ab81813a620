import { createHash } from 'node:crypto';

/**
 * Canonical JSON after RFC 8785 (JCS), so that a hash depends on the content only and
 * not on how the YAML happened to be written (key order, quoting, flow or block style).
 */
export function canonicalJson(value: unknown, options: CanonicalOptions = {}): string {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return canonicalNumber(value);
  if (typeof value === 'string') return canonicalString(value, options);
  if (Array.isArray(value)) return canonicalArray(value, options);
  if (isPlainObject(value)) return canonicalObject(value, options);
  throw new TypeError(`canonicalJson: cannot serialise ${describe(value)}`);
}

export interface CanonicalOptions {
  /**
   * Write an unpaired surrogate as JSON.stringify does (`\ud800`) instead of refusing it. Only for
   * digests of text that is refused and never stored: the audit trail still proves what was sent.
   */
  escapeLoneSurrogates?: boolean;
}

export function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex');
}

export function contentHash(content: unknown): string {
  return sha256Hex(canonicalJson(content));
}

export interface ChainLink {
  agreementId: string;
  number: number;
  previousHash: string | null;
  contentHash: string;
  author: string;
  /** ISO timestamp string; a Date would hash differently depending on how it is turned into text. */
  createdAt: string;
  changeNote: string | null;
}

export function chainHash(link: ChainLink): string {
  // Pick the fields so that extra properties of a caller's record (an entity, say) never enter the hash.
  const { agreementId, number, previousHash, contentHash, author, createdAt, changeNote } = link;
  return sha256Hex(canonicalJson({ agreementId, number, previousHash, contentHash, author, createdAt, changeNote }));
}

function canonicalNumber(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not allowed in JSON`);
  // ECMAScript's Number-to-String is exactly the serialisation JCS prescribes (and gives "0" for -0).
  return JSON.stringify(value);
}

// In a /u regex a surrogate range matches only unpaired surrogates, which I-JSON forbids.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function canonicalString(value: string, options: CanonicalOptions): string {
  if (!options.escapeLoneSurrogates && LONE_SURROGATE.test(value)) throw new TypeError('canonicalJson: string holds a lone surrogate');
  return JSON.stringify(value);
}

// Arrays and objects are written with plain loops: every stored version is hashed, and an import hashes thousands.
function canonicalArray(items: unknown[], options: CanonicalOptions): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out += ',';
    // A hole of a sparse array stays empty, as Array.prototype.map and join leave it (JSON.parse never makes one).
    if (!(i in items)) continue;
    const item = items[i];
    if (item === undefined) throw new TypeError('canonicalJson: undefined inside an array');
    out += canonicalJson(item, options);
  }
  return `${out}]`;
}

function canonicalObject(value: Record<string, unknown>, options: CanonicalOptions): string {
  // Default sort compares UTF-16 code units, which is the order JCS requires.
  const keys = Object.keys(value).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = value[key];
    if (item === undefined) continue;
    out += `${first ? '' : ','}${canonicalString(key, options)}:${canonicalJson(item, options)}`;
    first = false;
  }
  return `${out}}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (typeof value !== 'object' || value === null) return typeof value;
  return value.constructor?.name ?? 'object';
}
