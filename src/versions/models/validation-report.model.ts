import { Field, ObjectType } from '@nestjs/graphql';
import { ProblemModel } from './problem.model.js';

@ObjectType('ValidationReport')
export class ValidationReportModel {
  @Field()
  valid: boolean;

  @Field(() => [ProblemModel])
  problems: ProblemModel[];
}
