import { ObjectType } from '@nestjs/graphql';
import { PageOf } from '../../graphql/pagination.js';
import { LifecycleEventModel } from './lifecycle-event.model.js';

@ObjectType('LifecycleEventPage', { description: 'Lifecycle events by date, a page at a time.' })
export class LifecycleEventPage extends PageOf(LifecycleEventModel) {}
