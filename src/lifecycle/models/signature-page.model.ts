import { ObjectType } from '@nestjs/graphql';
import { PageOf } from '../../graphql/pagination.js';
import { SignatureModel } from './signature.model.js';

@ObjectType('SignaturePage', { description: 'Signatures in the order recorded, a page at a time.' })
export class SignaturePage extends PageOf(SignatureModel) {}
