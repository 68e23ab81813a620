import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface RoleCredentials {
  user: string;
  password: string;
}

/** The three roles of the embedded cluster: each one may do less than the one before. */
export interface EmbeddedCredentials {
  /** Bootstraps the cluster: sets passwords, creates the other roles. Never used by the service for data. */
  superuser: RoleCredentials;
  /** Owns the schema and runs the migrations. */
  owner: RoleCredentials;
  /** The service's pool: reads, appends, nothing else. */
  runtime: RoleCredentials;
}

/** What clusters created before the roles were split were initialised with; replaced on their next start. */
export const LEGACY_SUPERUSER: RoleCredentials = { user: 'zv', password: 'zv-local' };

const ROLES = ['superuser', 'owner', 'runtime'] as const;

export function generateCredentials(): EmbeddedCredentials {
  // Hex keeps the passwords safe inside connection URLs and SQL literals.
  const password = () => randomBytes(24).toString('hex');
  return {
    superuser: { user: LEGACY_SUPERUSER.user, password: password() },
    owner: { user: 'zv_owner', password: password() },
    runtime: { user: 'zv_app', password: password() },
  };
}

/**
 * The passwords live beside the cluster, readable by the service's user only. The service and the
 * CLI may start together on a fresh folder; whichever writes first wins and the other loads its file.
 */
export async function loadOrCreateCredentials(path: string): Promise<EmbeddedCredentials> {
  const existing = await readCredentials(path);
  if (existing) return existing;

  const created = generateCredentials();
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const file = await open(temp, 'wx', 0o600);
    try {
      await file.writeFile(`${JSON.stringify(created, null, 2)}\n`);
      await file.sync();
    } finally {
      await file.close();
    }
    // link, unlike rename, refuses to replace a file another process has just written.
    await link(temp, path).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') throw error;
      await rename(temp, path); // a filesystem without hard links
    });
  } catch (error) {
    const winner = (error as NodeJS.ErrnoException).code === 'EEXIST' ? await readCredentials(path) : null;
    if (!winner) throw error;
    return winner;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  return created;
}

async function readCredentials(path: string): Promise<EmbeddedCredentials | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  // The cluster only accepts these passwords: a damaged file must stop the start, never be replaced.
  const invalid = (why: string) => new Error(`the database credentials ${path} are invalid (${why}); restore the file from a backup`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid('not JSON');
  }
  for (const role of ROLES) {
    const c = (parsed as Record<string, Partial<RoleCredentials> | undefined> | null)?.[role];
    if (typeof c?.user !== 'string' || !/^[a-z_][a-z0-9_]*$/.test(c.user)) throw invalid(`${role}.user must be a lowercase role name`);
    if (typeof c.password !== 'string' || !/^[0-9a-f]{32,}$/.test(c.password)) throw invalid(`${role}.password must be at least 32 hex digits`);
  }
  // Copied or restored with a wider mode: the passwords must stay the service user's alone.
  if (((await stat(path)).mode & 0o077) !== 0) await chmod(path, 0o600);
  const { superuser, owner, runtime } = parsed as EmbeddedCredentials;
  return { superuser, owner, runtime };
}
