import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum OParlImportOutcome {
  NEW = 'new',
  REVISED = 'revised',
  UNCHANGED = 'unchanged',
}
registerEnumType(OParlImportOutcome, {
  name: 'OParlImportOutcome',
  description: 'new: recorded; revised: a later version of a known paper; unchanged: known with this content or a later modified.',
});

@ObjectType('OParlImportedPaper', { description: 'What an OParl import did with one paper.' })
export class OParlImportedPaperModel {
  @Field({ description: 'The OParl Paper id (a URL), its key.' })
  oparlId: string;

  @Field(() => ID)
  body: string;

  @Field({ description: 'The reference as recorded.' })
  reference: string;

  @Field(() => OParlImportOutcome)
  outcome: OParlImportOutcome;
}
