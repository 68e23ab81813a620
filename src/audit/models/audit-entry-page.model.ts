import { ObjectType } from '@nestjs/graphql';
import { PageOf } from '../../graphql/pagination.js';
import { AuditEntry } from './audit-entry.model.js';

@ObjectType('AuditEntryPage', { description: 'Audit entries, newest first, a page at a time.' })
export class AuditEntryPage extends PageOf(AuditEntry) {}
