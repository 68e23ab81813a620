import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isIsoDate } from '../common/dates.js';

/** A calendar date, 'YYYY-MM-DD' (Berlin calendar days; no time, no zone). */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: "A calendar date as 'YYYY-MM-DD', e.g. 2023-12-31.",
  serialize: (value) => value,
  parseValue: (value) => check(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError("Date must be a string 'YYYY-MM-DD'", { extensions: { code: 'BAD_USER_INPUT' } });
    return check(ast.value);
  },
});

function check(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new GraphQLError(`Date must be an existing calendar date 'YYYY-MM-DD', got ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}
