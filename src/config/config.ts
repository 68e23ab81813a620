import { isAbsolute, join } from 'node:path';
import { isLevel } from '../common/logger.js';
import { projectRoot } from '../common/project-root.js';

export interface AppConfig {
  port: number;
  /** An external PostgreSQL; when absent the service runs an embedded one under dataDir. */
  databaseUrl: string | null;
  dataDir: string;
  embeddedPostgresPort: number;
  agreementsDir: string;
  loadAgreementsOnStart: boolean;
  maxDocumentBytes: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  production: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and checks the environment once at start; every problem is reported together. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const root = projectRoot();

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, got '${raw}'`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    problems.push(`${name} must be true or false, got '${raw}'`);
    return fallback;
  };
  const path = (name: string, fallback: string): string => {
    const raw = env[name] || fallback;
    return isAbsolute(raw) ? raw : join(root, raw);
  };

  let databaseUrl: string | null = env.DATABASE_URL || null;
  if (databaseUrl) {
    try {
      const url = new URL(databaseUrl);
      if (!['postgres:', 'postgresql:'].includes(url.protocol)) {
        problems.push(`DATABASE_URL must be a postgres:// URL, got protocol '${url.protocol}'`);
      }
    } catch {
      problems.push('DATABASE_URL is not a valid URL');
      databaseUrl = null;
    }
  }

  const logLevel = env.LOG_LEVEL || 'info';
  if (!isLevel(logLevel)) problems.push(`LOG_LEVEL must be one of debug, info, warn, error, got '${logLevel}'`);

  const config: AppConfig = {
    port: int('PORT', 3000, 0, 65535),
    databaseUrl,
    dataDir: path('DATA_DIR', '.data'),
    embeddedPostgresPort: int('EMBEDDED_PG_PORT', 54329, 1024, 65535),
    agreementsDir: path('AGREEMENTS_DIR', 'agreements'),
    loadAgreementsOnStart: bool('LOAD_AGREEMENTS', true),
    maxDocumentBytes: int('MAX_DOCUMENT_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    logLevel: isLevel(logLevel) ? logLevel : 'info',
    production: env.NODE_ENV === 'production',
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
