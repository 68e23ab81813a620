import { ObjectType } from '@nestjs/graphql';
import { PageOf } from '../../graphql/pagination.js';
import { AgreementVersion } from './agreement-version.model.js';

@ObjectType('AgreementVersionPage', { description: 'Versions, oldest first, a page at a time.' })
export class AgreementVersionPage extends PageOf(AgreementVersion) {}
