import { AppError, ErrorCode } from '../common/app-error.js';

export interface ImportConflict {
  file: string;
  agreementId: string;
  /** The version the file was based on; null when it is not known. */
  baseVersion: number | null;
  latestVersion: number | null;
}

/** One refusal naming every file whose new content would undo newer versions, so all can be fixed at once. */
export function importConflict(conflicts: ImportConflict[]): AppError {
  const lines = conflicts.map((c) =>
    c.baseVersion === null
      ? `${c.file}: '${c.agreementId}' is at version ${c.latestVersion}, and the version this file was based on is not known; name it with --base N`
      : `${c.file}: '${c.agreementId}' was based on version ${c.baseVersion}, but the latest is version ${c.latestVersion}; storing it would undo the versions saved since`,
  );
  const [first] = conflicts;
  return new AppError(
    ErrorCode.VERSION_CONFLICT,
    `${lines.join('\n')}\nnothing was stored; apply the change to the latest version, or import with --force to store it anyway`,
    {
      agreementId: first.agreementId,
      baseVersion: first.baseVersion,
      latestVersion: first.latestVersion,
      conflicts: conflicts.map(({ file, agreementId, baseVersion, latestVersion }) => ({ file, agreementId, baseVersion, latestVersion })),
    },
  );
}
