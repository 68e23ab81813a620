import { ObjectType } from '@nestjs/graphql';
import { PageOf } from '../../graphql/pagination.js';
import { Agreement } from './agreement.model.js';

@ObjectType('AgreementPage', { description: 'Agreements by id, a page at a time.' })
export class AgreementPage extends PageOf(Agreement) {}
