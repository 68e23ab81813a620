import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError } from '../common/app-error.js';
import type { Logger } from '../common/logger.js';

/**
 * The one place where errors become GraphQL errors. Known errors keep their stable code and
 * details; anything unexpected is logged and shown without stack or SQL outside development.
 */
export function createFormatError(logger: Logger, exposeDetails: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) {
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { ...original.details, code: original.code },
      };
    }
    // Apollo re-labels every validation error GRAPHQL_VALIDATION_FAILED; our limit rules' own codes
    // (QUERY_TOO_DEEP, …) and figures are on the error it wraps.
    const rule = original instanceof GraphQLError && original.originalError instanceof GraphQLError ? original.originalError : null;
    const ruleCode = rule?.extensions?.code;
    if (typeof ruleCode === 'string') {
      return { ...formatted, extensions: { ...rule!.extensions, code: ruleCode } };
    }
    const code = formatted.extensions?.code;
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
