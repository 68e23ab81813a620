import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ChangeKind } from '../../documents/diff.js';
import { JSONScalar } from '../../graphql/json.scalar.js';

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
