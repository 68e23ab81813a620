import type { NextFunction, Request, Response } from 'express';

/**
 * The JSON body parser refuses a body before GraphQL sees it; answer as GraphQL answers, with a
 * code, instead of Nest's generic HTTP error. Anything else goes on to the next error handler.
 */
export function requestBodyErrors(maxRequestBytes: number) {
  return (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
    const type = (error as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || res.headersSent) return next(error);
    if (type === 'entity.too.large') {
      return void res
        .status(413)
        .json(errorBody(`the request body is larger than ${maxRequestBytes} bytes (MAX_REQUEST_BYTES)`, 'REQUEST_TOO_LARGE'));
    }
    const status = Number((error as { status?: unknown }).status);
    if (!(status >= 400 && status < 500)) return next(error);
    // body-parser's own messages name only what was sent (a charset, an encoding), never the server.
    const message = type === 'entity.parse.failed' ? 'the request body is not valid JSON' : (error as Error).message;
    res.status(status).json(errorBody(message, 'BAD_REQUEST'));
  };
}

const errorBody = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }] });
