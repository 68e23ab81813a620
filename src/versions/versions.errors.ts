import { AppError, ErrorCode } from '../common/app-error.js';
import type { Problem } from '../documents/problems.js';

/**
 * One constructor per mistake a user can make with versions, so every path that can make it
 * (GraphQL, amendments, lifecycle files, the CLI) answers with the same code, message and details.
 */
export function versionConflict(agreementId: string, baseVersion: number, latestVersion: number): AppError {
  return new AppError(
    ErrorCode.VERSION_CONFLICT,
    `version ${baseVersion} is not the latest of '${agreementId}' (latest is ${latestVersion}); reload and apply your change to it`,
    { agreementId, baseVersion, latestVersion },
  );
}

export function noChange(agreementId: string, latestVersion: number): AppError {
  return new AppError(ErrorCode.NO_CHANGE, `the content equals version ${latestVersion}; nothing was stored`, { agreementId, latestVersion });
}

export function agreementExists(agreementId: string): AppError {
  return new AppError(ErrorCode.ALREADY_EXISTS, `agreement '${agreementId}' already exists`, { agreementId });
}

export function idChanged(documentId: string, agreementId: string): AppError {
  return new AppError(ErrorCode.BAD_INPUT, `the document's id '${documentId}' differs from the agreement '${agreementId}'; an id never changes`, {
    agreementId,
    documentId,
  });
}

export function followUpExists(predecessorId: string, followUpId: string): AppError {
  return new AppError(
    ErrorCode.INVALID_STATE,
    `'${predecessorId}' already has the follow-up '${followUpId}'; an agreement is followed up once: continue drafting '${followUpId}', or follow up '${followUpId}' itself`,
    { predecessorId, followUpId },
  );
}

export function validationFailed(problems: Problem[]): AppError {
  const n = problems.length;
  return new AppError(ErrorCode.VALIDATION_FAILED, `the document has ${n} problem${n === 1 ? '' : 's'}`, { problems });
}
