import type { EntityManager } from 'typeorm';
import { actorLabel, type Actor } from '../common/actor.js';
import { AppError, ErrorCode } from '../common/app-error.js';
import { versionConflict } from '../versions/versions.errors.js';
import { signatureLevelOf, type LifecycleFileEvent } from '../documents/lifecycle-file.types.js';
import { germanDate } from './rules/index.js';
import type { LifecycleRepository } from './lifecycle.repository.js';
import type { LifecycleService } from './lifecycle.service.js';

export type ReplayOutcome = 'applied' | 'unchanged';

/**
 * Applies one event of a lifecycle file unless it is recorded already, through the same rules as
 * the GraphQL mutations. What makes an event "the same" is its natural key: the version frozen;
 * version, party, role and date of a signature; base version and end date of an extension.
 */
export async function replayEvent(
  m: EntityManager,
  lifecycle: LifecycleService,
  history: LifecycleRepository,
  actor: Actor,
  agreementId: string,
  event: LifecycleFileEvent,
): Promise<{ outcome: ReplayOutcome; description: string }> {
  const recorded = await history.loadOne(agreementId, m);
  if ('freeze' in event) {
    const e = event.freeze;
    const description = `Fassung ${e.version} eingefroren am ${germanDate(e.frozenOn)}`;
    const existing = recorded.freezes.find((f) => f.version === e.version);
    if (existing) {
      if (existing.frozenOn !== e.frozenOn) throw conflict(`version ${e.version} is recorded as frozen on ${existing.frozenOn}, not ${e.frozenOn}`);
      return { outcome: 'unchanged', description };
    }
    await lifecycle.freeze(actor, agreementId, e.version, e.frozenOn, m);
    return { outcome: 'applied', description };
  }
  if ('signature' in event) {
    const e = event.signature;
    const description = `Unterschrift ${e.party}/${e.role} auf Fassung ${e.version} am ${germanDate(e.signedOn)}`;
    // The level is no part of the key: a signature recorded with a level the file now calls unknown (or the other way
    // round) stays as recorded; records are never changed.
    const same = recorded.signatures.find((s) => s.version === e.version && s.party === e.party && s.role === e.role && s.signedOn === e.signedOn);
    if (same) return { outcome: 'unchanged', description };
    // The notes (the event's and the level marker's) document the file; they are not part of the record.
    const { note: _note, level, ...signature } = e;
    await lifecycle.recordSignature(actor, agreementId, { ...signature, level: signatureLevelOf(level) }, m);
    return { outcome: 'applied', description };
  }
  if ('withdrawal' in event) {
    const e = event.withdrawal;
    const description = `Rücknahme der Unterschrift ${e.party}/${e.role} vom ${germanDate(e.signedOn)} am ${germanDate(e.withdrawnOn)}`;
    const signature = recorded.signatures.find(
      (s) => s.version === e.version && s.party === e.party && s.role === e.role && s.signedOn === e.signedOn,
    );
    if (!signature) throw conflict(`no signature ${e.party}/${e.role} of ${e.signedOn} on version ${e.version} to withdraw`);
    if (signature.withdrawal) return { outcome: 'unchanged', description };
    await lifecycle.withdrawSignature(actor, { signatureId: signature.id, withdrawnOn: e.withdrawnOn, reason: e.reason }, m);
    return { outcome: 'applied', description };
  }
  if ('validityExtension' in event) {
    const e = event.validityExtension;
    const description = `Verlängerung von Fassung ${e.baseVersion} bis ${germanDate(e.until)} (${e.source})`;
    const done = recorded.amendments.find((a) => {
      const made = recorded.versions.find((v) => v.number === a.newVersion);
      return a.type === 'validityExtension' && a.baseVersion === e.baseVersion && made?.content.validity.until === e.until;
    });
    if (done) return { outcome: 'unchanged', description };
    const latest = recorded.versions[recorded.versions.length - 1];
    if (latest && latest.number !== e.baseVersion) throw versionConflict(agreementId, e.baseVersion, latest.number);
    await lifecycle.extendValidity(actor, { agreementId, ...e }, m);
    return { outcome: 'applied', description };
  }
  // Texts are stored by the importer, which holds the files; they never reach this point.
  if (!('followUp' in event)) throw new AppError(ErrorCode.INVALID_STATE, 'a text event is replayed by the import');
  const e = event.followUp;
  const description = `Folgezielvereinbarung zu ${e.predecessor} (Fassung ${e.predecessorVersion}), begonnen am ${germanDate(e.createdOn)}`;
  const links = await history.followUpsOf(m, [agreementId]);
  if (links.length > 0) return { outcome: 'unchanged', description };
  const document = recorded.versions[0]?.content;
  if (!document) throw conflict(`'${agreementId}' has no version: put its document beside the lifecycle file`);
  if (document.predecessor !== e.predecessor)
    throw conflict(`the document of '${agreementId}' names '${document.predecessor}' as predecessor, not '${e.predecessor}'`);
  await history.insertFollowUp(m, {
    successorId: agreementId,
    predecessorId: e.predecessor,
    predecessorVersion: e.predecessorVersion,
    createdOn: e.createdOn,
    source: e.source ?? null,
    actor: actorLabel(actor),
  });
  return { outcome: 'applied', description };
}

function conflict(message: string): AppError {
  return new AppError(ErrorCode.INVALID_STATE, message);
}
