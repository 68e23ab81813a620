import { Field, ObjectType } from '@nestjs/graphql';
import { MissingReason } from './enums.js';

@ObjectType('MissingFact', { description: 'A fact the document marks as missing, and why.' })
export class MissingFactModel {
  @Field({ description: 'JSON Pointer into the document.' })
  path: string;

  @Field({ description: 'German label of the place, e.g. "Geltungsdauer › Ende".' })
  label: string;

  @Field(() => MissingReason)
  reason: MissingReason;

  @Field(() => String, { nullable: true, description: "The document's note on it." })
  note: string | null;
}
