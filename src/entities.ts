import { AgreementRow } from './agreements/agreement.entity.js';
import { AuditRow } from './audit/audit.entity.js';
import { VersionRow } from './versions/version.entity.js';

export const entities = [AgreementRow, VersionRow, AuditRow];
