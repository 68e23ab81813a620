import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { ErrorCode } from '../common/app-error.js';
import { isIsoDate } from '../common/dates.js';

/** A calendar date, 'YYYY-MM-DD' (Berlin calendar days; no time, no zone). */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: "A calendar date as 'YYYY-MM-DD', e.g. 2023-12-31.",
  serialize: (value) => value,
  parseValue: (value) => check(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw badDate("Date must be a string 'YYYY-MM-DD'", ast);
    return check(ast.value, ast);
  },
});

function check(value: unknown, node?: ValueNode): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw badDate(`Date must be an existing calendar date 'YYYY-MM-DD', got ${JSON.stringify(value)}`, node);
  }
  return value;
}

/** The same code inline and as a variable; inline, with the value's location. */
function badDate(message: string, node?: ValueNode): GraphQLError {
  return new GraphQLError(message, { nodes: node, extensions: { code: ErrorCode.BAD_INPUT } });
}
