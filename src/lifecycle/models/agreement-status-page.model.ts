import { ObjectType } from '@nestjs/graphql';
import { PageOf } from '../../graphql/pagination.js';
import { AgreementStatusModel } from './agreement-status.model.js';

@ObjectType('AgreementStatusPage', { description: 'Statuses of agreements, a page at a time.' })
export class AgreementStatusPage extends PageOf(AgreementStatusModel) {}
