import { ObjectType } from '@nestjs/graphql';
import { PageOf } from '../../graphql/pagination.js';
import { ConsultationModel } from './consultation.model.js';

@ObjectType('ConsultationPage', { description: "A paper's steps by date, a page at a time." })
export class ConsultationPage extends PageOf(ConsultationModel) {}
