import { AppError, ErrorCode } from './app-error.js';

/**
 * NUL, which PostgreSQL text cannot hold, and unpaired surrogates, which no UTF-8 store can hold:
 * the driver would turn them into U+FFFD, so what was stored would differ from what was sent.
 */
// eslint-disable-next-line no-control-regex -- finding NUL is the point of this expression
const NOT_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const TEXT_RULE = 'text must be well-formed Unicode without NUL';

export interface TextProblem {
  /** Where the string sits in the arguments, e.g. `input.personName`. */
  field: string;
  message: string;
}

export function isWellFormedText(value: string): boolean {
  return !NOT_TEXT.test(value);
}

/** The first character that is not text (NUL or an unpaired surrogate), with its index and a description. */
export function firstNonText(value: string): { index: number; description: string } | null {
  const match = NOT_TEXT.exec(value);
  if (!match) return null;
  const codePoint = `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return { index: match.index, description: match[0] === '\u0000' ? `a NUL character (${codePoint})` : `a lone surrogate (${codePoint})` };
}

/** The first string anywhere in the arguments that is not well-formed text, or null. */
export function findTextProblem(value: unknown, field = ''): TextProblem | null {
  if (typeof value === 'string') return textProblem(value, field);
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const problem = findTextProblem(item, `${field}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const problem = findTextProblem(item, field ? `${field}.${key}` : key);
      if (problem) return problem;
    }
  }
  return null;
}

/** BAD_INPUT naming the argument, the line and column (documents are arguments too) and the character. */
export function assertWellFormedArguments(args: Record<string, unknown>): void {
  const problem = findTextProblem(args);
  if (problem) throw new AppError(ErrorCode.BAD_INPUT, problem.message, { field: problem.field });
}

function textProblem(value: string, field: string): TextProblem | null {
  const found = firstNonText(value);
  if (!found) return null;
  const before = value.slice(0, found.index);
  const line = before.split('\n').length;
  // Columns count characters, so a surrogate pair before the problem counts once.
  const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
  return { field, message: `${field} holds ${found.description} at line ${line}, column ${column}; ${TEXT_RULE}` };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
