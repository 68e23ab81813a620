import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError, ErrorCode } from '../common/app-error.js';
import type { Logger } from '../common/logger.js';
import { tooManyTokens } from './limits/errors.js';

/** graphql-js's words (typo included) when the parser stops at `parseOptions.maxTokens`. */
const TOKEN_LIMIT = /^Syntax Error: Document contains more (?:that|than) (\d+) tokens\. Parsing aborted\.$/;

function formatAppError(error: AppError, formatted?: GraphQLFormattedError): GraphQLFormattedError {
  return {
    message: error.message,
    locations: formatted?.locations,
    path: formatted?.path,
    extensions: { ...error.details, code: error.code },
  };
}

/** The body of a refusal sent before GraphQL runs (authentication, size, rate): what formatError makes of the same error. */
export function refusalBody(error: AppError): { errors: GraphQLFormattedError[] } {
  return { errors: [formatAppError(error)] };
}

/**
 * The one place where errors become GraphQL errors. Known errors keep their stable code and
 * details; anything unexpected is logged and shown without stack or SQL outside development.
 */
export function createFormatError(logger: Logger, exposeDetails: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) return formatAppError(original, formatted);
    // Apollo re-labels every validation error GRAPHQL_VALIDATION_FAILED; our limit rules' and
    // scalars' own codes (QUERY_TOO_DEEP, BAD_INPUT, …) and figures are on the error it wraps.
    const rule = original instanceof GraphQLError && original.originalError instanceof GraphQLError ? original.originalError : null;
    const ruleCode = rule?.extensions?.code;
    if (typeof ruleCode === 'string') {
      return { ...formatted, extensions: { ...rule!.extensions, code: ruleCode } };
    }
    const apolloCode = formatted.extensions?.code;
    const tokens = apolloCode === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT.exec(formatted.message) : null;
    if (tokens) return formatAppError(tooManyTokens(Number(tokens[1])));
    // Errors raised by GraphQL itself (parse, validation, bad variables) are the caller's and safe to show.
    if (typeof apolloCode === 'string' && apolloCode !== 'INTERNAL_SERVER_ERROR') {
      // A variable of the wrong type or value is bad input like any other: one code for the same mistake.
      const code = apolloCode === 'BAD_USER_INPUT' ? ErrorCode.BAD_INPUT : apolloCode;
      return { ...formatted, extensions: exposeDetails ? { ...formatted.extensions, code } : { code } };
    }
    logger.error(original instanceof Error ? original : String(original), { path: formatted.path });
    if (exposeDetails) return formatted;
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
