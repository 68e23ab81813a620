import { randomBytes, randomUUID } from 'node:crypto';
import { link, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, decodeJwt, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { isRole, type Role } from '../../common/actor.js';

export const LOCAL_ISSUER = 'zv-register-local';
export const LOCAL_AUDIENCE = 'zv-register';
/** Anyone who can read the key file can sign; a leaked token at least stops working within a day. */
export const LOCAL_TOKEN_MAX_LIFETIME_S = 24 * 3600;
const ALG = 'ES256';

export interface LocalSigningKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

export function localKeyPath(dataDir: string): string {
  return join(dataDir, 'auth', 'local-signing-key.json');
}

/** The service and the CLI may start together; whichever writes first wins and the other loads that key. */
export async function loadOrCreateLocalKey(dataDir: string): Promise<LocalSigningKey> {
  const path = localKeyPath(dataDir);
  const existing = await readKey(path);
  if (existing) return existing;

  const created = await generateLocalKey();
  await mkdir(join(dataDir, 'auth'), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const file = await open(temp, 'wx', 0o600);
    try {
      await file.writeFile(`${JSON.stringify(created, null, 2)}\n`);
      await file.sync();
    } finally {
      await file.close();
    }
    // link, unlike rename, refuses to replace a key another process has just written.
    await link(temp, path).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') throw error;
      await rename(temp, path); // a filesystem without hard links
    });
  } catch (error) {
    const winner = (error as NodeJS.ErrnoException).code === 'EEXIST' ? await readKey(path) : null;
    if (!winner) throw error;
    return winner;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  return created;
}

async function generateLocalKey(): Promise<LocalSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
  const meta = { kid, alg: ALG, use: 'sig' };
  return { kid, privateJwk: { ...(await exportJWK(privateKey)), ...meta }, publicJwk: { ...publicJwk, ...meta } };
}

async function readKey(path: string): Promise<LocalSigningKey | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  // A hand-edited or truncated file must stop the start, never be silently replaced: tokens already issued depend on it.
  const invalid = (why: string) => new Error(`the local signing key ${path} is invalid (${why}); restore it or delete it to create a new one`);
  let key: LocalSigningKey;
  try {
    key = JSON.parse(text) as LocalSigningKey;
  } catch {
    throw invalid('not JSON');
  }
  const { kid, privateJwk: priv, publicJwk: pub } = key ?? {};
  if (typeof kid !== 'string' || !priv || !pub || typeof priv.d !== 'string' || pub.d !== undefined) throw invalid('missing parts');
  if (priv.crv !== 'P-256' || pub.crv !== 'P-256' || priv.x !== pub.x || priv.y !== pub.y) throw invalid('the key halves do not match');
  const { kid: _kid, alg: _alg, use: _use, ...bare } = pub;
  if ((await calculateJwkThumbprint(bare, 'sha256')) !== kid) throw invalid('kid is not the key thumbprint');
  await importJWK(priv, ALG).catch(() => {
    throw invalid('unusable private key');
  });
  return { kid, privateJwk: priv, publicJwk: pub };
}

export async function issueLocalToken(
  key: LocalSigningKey,
  claims: { subject?: string; name: string; roles: Role[]; departments?: string[]; district?: string | null; body?: string | null },
  options: { expiresIn?: string } = {},
): Promise<string> {
  // Refused here rather than producing a token the verifier would reject later.
  if (claims.name.trim() === '') throw new TypeError('a local token needs a name');
  const unknown = claims.roles.filter((r) => !isRole(r));
  if (claims.roles.length === 0 || unknown.length > 0) throw new TypeError(`a local token needs known roles, got: ${claims.roles.join(', ')}`);

  const payload: Record<string, unknown> = { name: claims.name, roles: claims.roles };
  if (claims.departments?.length) payload.zv_departments = claims.departments;
  if (claims.district) payload.zv_district = claims.district;
  if (claims.body) payload.zv_body = claims.body;

  const token = await new SignJWT(payload)
    .setProtectedHeader({ alg: ALG, kid: key.kid, typ: 'JWT' })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setSubject(claims.subject ?? `local:${claims.name}`)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h')
    .sign(await importJWK(key.privateJwk, ALG));
  const { iat, exp } = decodeJwt(token);
  if (exp! - iat! > LOCAL_TOKEN_MAX_LIFETIME_S) {
    throw new TypeError(`a local token may last at most ${LOCAL_TOKEN_MAX_LIFETIME_S / 3600} hours, asked for ${options.expiresIn}`);
  }
  return token;
}
