import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { FieldChangeModel } from './field-change.model.js';

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
