import { AppError, ErrorCode } from '../../common/app-error.js';

export function queryTooLarge(bytes: number, maxBytes: number): AppError {
  return new AppError(
    ErrorCode.QUERY_TOO_LARGE,
    `the query text has ${bytes} bytes, more than the limit of ${maxBytes}; send documents as variables`,
    {
      bytes,
      limit: maxBytes,
    },
  );
}

/** What the parser's token limit (`parseOptions.maxTokens`) means to a caller: the same code as an overlong text. */
export function tooManyTokens(maxTokens: number): AppError {
  return new AppError(ErrorCode.QUERY_TOO_LARGE, `the query has more than ${maxTokens} tokens, the limit; ask for fewer fields`, {
    limit: maxTokens,
  });
}
