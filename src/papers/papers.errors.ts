import { AppError, ErrorCode, notFound } from '../common/app-error.js';

export const paperExists = (body: string, reference: string): AppError =>
  new AppError(ErrorCode.ALREADY_EXISTS, `paper ${reference} of '${body}' is recorded already`, { body, reference });

export const paperNotFound = (body: string, reference: string): AppError => notFound(`paper ${reference} of '${body}'`);

export const consultationExists = (reference: string, date: string | null): AppError =>
  new AppError(ErrorCode.ALREADY_EXISTS, `this step of paper ${reference}${date ? ` on ${date}` : ''} is recorded already`, { reference, date });

export const oparlIdOfOtherBody = (oparlId: string, storedBody: string, body: string): AppError =>
  new AppError(ErrorCode.BAD_INPUT, `the OParl paper ${oparlId} is recorded for '${storedBody}', not '${body}'`, { oparlId, storedBody, body });
