import type { NextFunction, Request, Response } from 'express';
import { refusalBody } from '../format-error.js';
import { queryTooLarge } from './errors.js';
import { checkLimit } from './fragments.js';

/**
 * Refuses query text over `maxBytes` with HTTP 413 before it is parsed: parsing and validating costs time in
 * proportion to the text. Documents travel as variables, which this does not count (the body limit bounds them).
 */
export function querySizeLimit(maxBytes: number) {
  checkLimit('maxQueryBytes', maxBytes);
  return (req: Request, res: Response, next: NextFunction): void => {
    const bytes = queryTexts(req).reduce((sum, text) => sum + Buffer.byteLength(text, 'utf8'), 0);
    if (bytes <= maxBytes) return next();
    res.status(413).json(refusalBody(queryTooLarge(bytes, maxBytes)));
  };
}

/** Every query text of the request: in a JSON body (one operation, or a batch) and in the URL of a GET. */
function queryTexts(req: Request): string[] {
  const bodies: unknown[] = Array.isArray(req.body) ? req.body : [req.body];
  const texts = bodies.map((body) => (typeof body === 'object' && body !== null ? (body as { query?: unknown }).query : undefined));
  texts.push(req.query?.query);
  return texts.filter((text): text is string => typeof text === 'string');
}
