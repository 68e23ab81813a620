import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { isWellFormedText } from '../../common/text-input.js';
import { isBerlinDistrict } from '../../parties/berlin-parties.js';
import { isRole, type Actor, type Role } from '../../common/actor.js';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, LOCAL_TOKEN_MAX_LIFETIME_S, type LocalSigningKey } from './local-key.js';

import type { TokenFailure } from '../../common/actor.js';

export type { TokenFailure } from '../../common/actor.js';

const MESSAGES: Record<TokenFailure, string> = {
  missing: 'no bearer token given',
  malformed: 'the token is malformed',
  expired: 'the token has expired',
  'too-long-lived': 'the token was issued for longer than local tokens may last',
  'bad-signature': 'the token signature is not valid',
  'wrong-audience': 'the token is not meant for this service',
  'wrong-issuer': 'the token was issued by an unknown issuer',
  'not-yet-valid': 'the token is not valid yet',
  'no-roles': 'the token grants no role in this service',
};

/** The message is fixed per reason, so nothing from the token or the key set reaches the caller. */
export class TokenError extends Error {
  override readonly name = 'TokenError';
  constructor(
    readonly reason: TokenFailure,
    message: string = MESSAGES[reason],
  ) {
    super(message);
  }
}

/** The identity provider's keys could not be fetched: a server-side fault, not the caller's token. */
export class TokenKeysUnavailableError extends Error {
  override readonly name = 'TokenKeysUnavailableError';
  constructor(cause: unknown) {
    super('the signing keys for token verification are unavailable', { cause });
  }
}

export interface TokenVerifier {
  verify(token: string): Promise<Actor>;
}

export const OIDC_ALGORITHMS = ['RS256', 'ES256', 'PS256', 'EdDSA'];
const CLOCK_TOLERANCE_S = 30;

export function createOidcVerifier(options: {
  issuer: string;
  audience: string;
  jwksUrl: string;
  /** Minimum time between refetches for an unknown kid; 0 only in tests, it lets any token trigger a fetch. */
  jwksCooldownMs?: number;
  /** How long a fetched key set is trusted; a key withdrawn by the provider is accepted at most this long. */
  jwksMaxAgeMs?: number;
}): TokenVerifier {
  const keys = createRemoteJWKSet(new URL(options.jwksUrl), {
    cooldownDuration: options.jwksCooldownMs ?? 30_000,
    cacheMaxAge: options.jwksMaxAgeMs ?? 600_000,
  });
  // Every time: the provider may withdraw a key at any moment, and a refetched key set must count at once.
  return verifierFor(keys, { issuer: options.issuer, audience: options.audience, algorithms: OIDC_ALGORITHMS }, { remember: false });
}

/** Whoever can read the key file can sign any lifetime; the verifier, not the signer, caps it. */
export function createLocalVerifier(key: LocalSigningKey, clock: () => number = Date.now): TokenVerifier {
  const keys = createLocalJWKSet({ keys: [key.publicJwk] });
  // The local key is fixed for the life of the process, so a token verified once stays verified (see usableUntil).
  return verifierFor(
    keys,
    { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, algorithms: ['ES256'] },
    { maxLifetimeS: LOCAL_TOKEN_MAX_LIFETIME_S, remember: true, clock },
  );
}

/**
 * How long a verified local token is taken without checking its signature again: a caller sends the same token
 * with every request, and the signature check is most of the cost of a small request.
 */
const VERIFIED_FOR_MS = 60_000;
/** A bound on memory; when full, the remembered tokens are forgotten and verified afresh. */
const MAX_VERIFIED = 10_000;

function verifierFor(
  keys: JWTVerifyGetKey,
  options: { issuer: string; audience: string; algorithms: string[] },
  { maxLifetimeS, remember, clock = Date.now }: { maxLifetimeS?: number; remember: boolean; clock?: () => number },
): TokenVerifier {
  const capped = maxLifetimeS === undefined ? {} : { maxTokenAge: maxLifetimeS };
  // Verified tokens with the last moment (ms) at which every check that passed still passes; see usableUntil.
  const verified = new Map<string, { payload: JWTPayload; until: number }>();
  return {
    async verify(token) {
      if (typeof token !== 'string' || token.trim() === '') throw new TokenError('missing');
      const now = clock();
      const known = remember ? verified.get(token) : undefined;
      if (known !== undefined && now <= known.until) return actorFromClaims(known.payload);
      verified.delete(token);
      let payload: JWTPayload;
      try {
        // Without a required exp a leaked token would be valid forever; a capped one also needs its iat.
        const requiredClaims = maxLifetimeS === undefined ? ['exp', 'sub'] : ['exp', 'sub', 'iat'];
        ({ payload } = await jwtVerify(token, keys, {
          ...options,
          ...capped,
          clockTolerance: CLOCK_TOLERANCE_S,
          requiredClaims,
          currentDate: new Date(now),
        }));
      } catch (error) {
        throw toTokenError(error);
      }
      if (maxLifetimeS !== undefined && payload.exp! - payload.iat! > maxLifetimeS) throw new TokenError('too-long-lived');
      const actor = actorFromClaims(payload);
      if (remember) {
        if (verified.size >= MAX_VERIFIED) verified.clear();
        verified.set(token, { payload, until: usableUntil(payload, now, maxLifetimeS) });
      }
      return actor;
    },
  };
}

/**
 * Of the checks a token passed, only two can fail later, as time goes on: its expiry (jose: expired once
 * exp <= now - tolerance) and, for local tokens, its age (expired once now - iat - tolerance > maxTokenAge).
 * A token is remembered until just before the first of them, and VERIFIED_FOR_MS at most. Times in ms; the
 * claims are in whole seconds, and jose compares whole seconds (now rounded down).
 */
function usableUntil(payload: JWTPayload, now: number, maxLifetimeS: number | undefined): number {
  const expiresAt = (payload.exp! + CLOCK_TOLERANCE_S) * 1000 - 1;
  const tooOldAt = maxLifetimeS === undefined ? Infinity : (payload.iat! + maxLifetimeS + CLOCK_TOLERANCE_S + 1) * 1000 - 1;
  return Math.min(now + VERIFIED_FOR_MS, expiresAt, tooOldAt);
}

function toTokenError(error: unknown): Error {
  if (error instanceof errors.JWTExpired) return new TokenError('expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    const byClaim: Record<string, TokenFailure> = { aud: 'wrong-audience', iss: 'wrong-issuer', nbf: 'not-yet-valid' };
    return new TokenError(byClaim[error.claim] ?? 'malformed');
  }
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys ||
    // An algorithm outside the list (e.g. 'none' or HS256 against a public key) is a forgery attempt.
    error instanceof errors.JOSEAlgNotAllowed
  ) {
    return new TokenError('bad-signature');
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported) {
    return new TokenError('malformed');
  }
  // Left: fetch failures, timeouts, a broken key set. Denied as well, but reported as the server's fault.
  return new TokenKeysUnavailableError(error);
}

/** Claims come from a verified token but another system shaped them, so every shape is checked. */
export function actorFromClaims(claims: JWTPayload): Actor {
  const subject = claims.sub;
  if (typeof subject !== 'string' || subject.trim() === '' || !isWellFormedText(subject)) throw new TokenError('malformed');
  const name = optionalString(claims.name) ?? optionalString(claims.preferred_username) ?? subject;

  const roles: Role[] = [...new Set(stringArray(claims.roles))].filter(isRole);
  if (roles.length === 0) throw new TokenError('no-roles');

  // A district claim naming anything but a Berlin district (a Senate department, say) would let a signatory sign for it.
  const district = optionalString(claims.zv_district);
  if (district !== null && !isBerlinDistrict(district)) throw new TokenError('malformed');

  return {
    subject,
    name,
    roles,
    departments: [...new Set(stringArray(claims.zv_departments))],
    district,
    body: optionalString(claims.zv_body),
  };
}

function optionalString(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  // Claims end up in versions and the audit trail: text PostgreSQL cannot store makes the token unusable.
  if (typeof value !== 'string' || !isWellFormedText(value)) throw new TokenError('malformed');
  return value.trim() === '' ? null : value.trim();
}

function stringArray(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !isWellFormedText(v))) throw new TokenError('malformed');
  return value as string[];
}
