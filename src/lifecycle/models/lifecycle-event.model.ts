import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../../graphql/date.scalar.js';
import type { LifecycleEvent } from '../rules/index.js';
import { LifecycleEventKind } from './enums.js';

@ObjectType('LifecycleEvent', { description: "One dated step in an agreement's life." })
export class LifecycleEventModel {
  @Field(() => DateScalar)
  date: string;

  @Field(() => LifecycleEventKind)
  kind: LifecycleEventKind;

  @Field(() => String, { nullable: true })
  actor: string | null;

  @Field(() => Int, { nullable: true })
  version: number | null;

  @Field(() => ID, { nullable: true })
  party: string | null;

  @Field({ description: 'Short German description.' })
  detail: string;

  static from(e: LifecycleEvent): LifecycleEventModel {
    return Object.assign(new LifecycleEventModel(), { ...e, kind: e.kind });
  }
}
