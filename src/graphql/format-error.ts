import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError } from '../common/app-error.js';
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
    // Apollo re-labels every validation error GRAPHQL_VALIDATION_FAILED; our limit rules' own codes
    // (QUERY_TOO_DEEP, …) and figures are on the error it wraps.
    const rule = original instanceof GraphQLError && original.originalError instanceof GraphQLError ? original.originalError : null;
    const ruleCode = rule?.extensions?.code;
    if (typeof ruleCode === 'string') {
      return { ...formatted, extensions: { ...rule!.extensions, code: ruleCode } };
    }
    const code = formatted.extensions?.code;
    const tokens = code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT.exec(formatted.message) : null;
    if (tokens) return formatAppError(tooManyTokens(Number(tokens[1])));
    // Errors raised by GraphQL itself (parse, validation, bad variables) are the caller's and safe to show.
    if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
      return exposeDetails ? formatted : { ...formatted, extensions: { code } };
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
