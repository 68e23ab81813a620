import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DOCUMENT_FIELD_COST } from '../../graphql/limits/index.js';
import { FieldChangeModel } from './field-change.model.js';

@ObjectType('VersionDiff')
export class VersionDiffModel {
  @Field(() => ID)
  agreementId: string;

  @Field(() => Int)
  from: number;

  @Field(() => Int)
  to: number;

  @Field(() => [FieldChangeModel], { description: 'Items in lists are matched by id, not position.', complexity: DOCUMENT_FIELD_COST })
  changes: FieldChangeModel[];

  @Field(() => String, {
    nullable: true,
    description: 'Plain unified diff of the two YAML texts; null when the versions differ in too many lines to align them (see note).',
    complexity: DOCUMENT_FIELD_COST,
  })
  unified: string | null;

  @Field(() => String, { nullable: true, description: 'Why the unified diff is missing, when it is; the field changes are complete either way.' })
  note: string | null;
}
