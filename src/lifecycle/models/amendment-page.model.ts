import { ObjectType } from '@nestjs/graphql';
import { PageOf } from '../../graphql/pagination.js';
import { AmendmentModel } from './amendment.model.js';

@ObjectType('AmendmentPage', { description: 'Amendments in the order recorded, a page at a time.' })
export class AmendmentPage extends PageOf(AmendmentModel) {}
