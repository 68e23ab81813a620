import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { AppError } from '../common/app-error.js';

/**
 * Errors users cause are expected: hand them to GraphQL untouched (formatError turns them into
 * `extensions.code`) instead of Nest logging each as an unhandled exception.
 */
@Catch(AppError)
export class AppErrorFilter implements GqlExceptionFilter {
  catch(error: AppError): AppError {
    return error;
  }
}
