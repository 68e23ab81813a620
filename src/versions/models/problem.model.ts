import { Field, Int, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '../../graphql/json.scalar.js';

@ObjectType('Problem', { description: 'One problem in a document, located where an editor can jump to it.' })
export class ProblemModel {
  @Field(() => Int, { description: '1-based' })
  line: number;

  @Field(() => Int, { description: '1-based' })
  column: number;

  @Field({ description: 'JSON Pointer of the value concerned, e.g. /steeringFields/0/qualityStandards/2/indicators/0/targetValue' })
  path: string;

  @Field()
  message: string;

  @Field({ description: 'Stable kind of problem, e.g. unknown-key, required, type, yaml-syntax.' })
  code: string;

  @Field(() => String, { nullable: true, description: 'The offending or missing key, where there is one.' })
  key?: string | null;

  @Field(() => JSONScalar, { nullable: true, description: 'The values allowed here, where the schema lists them.' })
  allowedValues?: unknown[] | null;
}
