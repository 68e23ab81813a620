import { AppError } from '../../common/app-error.js';

/**
 * INVALID_STATE: the transition is forbidden in the agreement's current state.
 * BAD_INPUT: a value is wrong (unknown version, party or role, impossible date, empty name).
 */
export type LifecycleErrorCode = 'INVALID_STATE' | 'BAD_INPUT';

export interface LifecycleViolation {
  code: LifecycleErrorCode;
  /** Stable machine name of the broken rule, e.g. VERSION_OUTDATED, ALREADY_SIGNED. */
  rule: string;
  message: string;
  /** JSON Pointer into the agreement document, when the problem sits in the content. */
  path?: string;
  /** German label of `path` (labelForPath). */
  label?: string;
  /** Name of the input field at fault, e.g. signedOn. */
  field?: string;
}

/**
 * An AppError, so the GraphQL layer maps it like every other user error:
 * `extensions.code` is the code, `extensions.violations` lists every problem.
 */
export class LifecycleError extends AppError {
  declare readonly code: LifecycleErrorCode;

  constructor(
    code: LifecycleErrorCode,
    message: string,
    readonly violations: LifecycleViolation[] = [],
  ) {
    super(code, message, { violations });
    this.name = 'LifecycleError';
  }
}

export function invalidState(rule: string, message: string, extra: Partial<LifecycleViolation> = {}): LifecycleViolation {
  return { code: 'INVALID_STATE', rule, message, ...extra };
}

export function badInput(rule: string, message: string, extra: Partial<LifecycleViolation> = {}): LifecycleViolation {
  return { code: 'BAD_INPUT', rule, message, ...extra };
}

/**
 * Throws when a check found problems. A forbidden state outweighs wrong values:
 * fixing the values would not make the transition allowed.
 */
export function assertNoViolations(violations: readonly LifecycleViolation[]): void {
  if (violations.length === 0) return;
  const code = violations.some((v) => v.code === 'INVALID_STATE') ? 'INVALID_STATE' : 'BAD_INPUT';
  throw new LifecycleError(code, violations.map((v) => v.message).join('; '), [...violations]);
}
