import { ObjectType } from '@nestjs/graphql';
import { PageOf } from '../../graphql/pagination.js';
import { PaperModel } from './paper.model.js';

@ObjectType('PaperPage', { description: 'Council papers by their first dated fact, a page at a time.' })
export class PaperPage extends PageOf(PaperModel) {}
