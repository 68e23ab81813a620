import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { JSONScalar } from '../../graphql/json.scalar.js';

export enum ChangeKind {
  ADDED = 'added',
  REMOVED = 'removed',
  CHANGED = 'changed',
}
registerEnumType(ChangeKind, { name: 'ChangeKind' });

@ObjectType('FieldChange', { description: 'One field that differs between two versions.' })
export class FieldChangeModel {
  @Field({ description: 'JSON Pointer into the later version (into the earlier one for removals).' })
  path: string;

  @Field({
    description:
      'Built from the document\'s own names, e.g. "Klientinnen- bzw. Klientenperspektive › Begleitung Zwangsräumungen › Indikator 1 › Zielwert".',
  })
  label: string;

  @Field(() => ChangeKind)
  kind: ChangeKind;

  @Field(() => JSONScalar, { nullable: true })
  before: unknown;

  @Field(() => JSONScalar, { nullable: true })
  after: unknown;
}

@ObjectType('VersionDiff')
export class VersionDiffModel {
  @Field(() => ID)
  agreementId: string;

  @Field(() => Int)
  from: number;

  @Field(() => Int)
  to: number;

  @Field(() => [FieldChangeModel], { description: 'Items in lists are matched by id, not position.' })
  changes: FieldChangeModel[];

  @Field({ description: 'Plain unified diff of the two YAML texts.' })
  unified: string;
}
