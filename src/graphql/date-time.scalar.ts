import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { ErrorCode } from '../common/app-error.js';
import { isIsoDate } from '../common/dates.js';

// RFC 3339: a calendar date, a time and a zone; seconds and their fraction may be left out.
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/i;

/**
 * An instant. Strict where Nest's GraphQLISODateTime takes anything `new Date()` takes: a wrong
 * value is the caller's mistake (BAD_INPUT, located), not an invalid date sent to the database.
 */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'A date-time string at UTC, such as 2019-12-03T09:54:33Z, compliant with the date-time format.',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString();
    throw new TypeError(`DateTime cannot represent ${String(value)}`);
  },
  parseValue: (value) => parse(value),
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined, ast),
});

function parse(value: unknown, node?: ValueNode): Date {
  const match = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  if (match && isIsoDate(match[1])) return new Date(value as string);
  const got = node && node.kind !== Kind.STRING ? node.kind.toLowerCase() : JSON.stringify(value);
  throw new GraphQLError(`DateTime must be an ISO date-time with a zone, like 2024-01-31T09:30:00Z, got ${got}`, {
    nodes: node,
    extensions: { code: ErrorCode.BAD_INPUT },
  });
}
