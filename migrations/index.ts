import { VersionStore1764000000000 } from './1764000000000-VersionStore.js';
import { AuditLog1764000000001 } from './1764000000001-AuditLog.js';
import { Lifecycle1764000000002 } from './1764000000002-Lifecycle.js';
import { RecordChains1764000000010 } from './1764000000010-RecordChains.js';
import { AgreementsAppendOnly1764000000020 } from './1764000000020-AgreementsAppendOnly.js';
import { SignatureLevelUnknown1764000000030 } from './1764000000030-SignatureLevelUnknown.js';
import { CouncilPapers1764000000040 } from './1764000000040-CouncilPapers.js';
import { PaperRevisions1764000000050 } from './1764000000050-PaperRevisions.js';
import { ConsultationRevisions1764000000055 } from './1764000000055-ConsultationRevisions.js';
import { VersionTerms1764000000060 } from './1764000000060-VersionTerms.js';
import { AgreementRevisions1764000000065 } from './1764000000065-AgreementRevisions.js';
import { StatusInputsBatch1764000000070 } from './1764000000070-StatusInputsBatch.js';

/** Every migration in order; listed here so ESM builds need no file globbing. */
export const migrations = [
  VersionStore1764000000000,
  AuditLog1764000000001,
  Lifecycle1764000000002,
  RecordChains1764000000010,
  AgreementsAppendOnly1764000000020,
  SignatureLevelUnknown1764000000030,
  CouncilPapers1764000000040,
  PaperRevisions1764000000050,
  ConsultationRevisions1764000000055,
  VersionTerms1764000000060,
  AgreementRevisions1764000000065,
  StatusInputsBatch1764000000070,
];
