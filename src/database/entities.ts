import { AgreementRow } from '../agreements/agreement.entity.js';
import { VersionRow } from '../versions/version.entity.js';

export const entities = [AgreementRow, VersionRow];
