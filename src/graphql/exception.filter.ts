import { type ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { GqlContextType } from '@nestjs/graphql';

/**
 * Every error of a GraphQL operation goes to formatError untouched: it gives users' mistakes their
 * `extensions.code` and logs the unexpected ones once, with their GraphQL path. Left to Nest, each
 * unexpected error would be logged a second time as an unhandled exception.
 */
@Catch()
export class GraphQLExceptionFilter extends BaseExceptionFilter {
  override catch(error: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') return error;
    return super.catch(error, host);
  }
}
