import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../../graphql/date.scalar.js';
import type { Amendment } from '../rules/index.js';
import { AmendmentType } from './enums.js';

@ObjectType('Amendment', { description: 'A change to an agreement after signing; each yields a new version linked to the one it amends.' })
export class AmendmentModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  agreementId: string;

  @Field(() => AmendmentType)
  type: AmendmentType;

  @Field(() => Int)
  baseVersion: number;

  @Field(() => Int)
  newVersion: number;

  @Field({ description: 'E.g. "Schreiben SenASGIVA vom 21.11.2023".' })
  source: string;

  @Field(() => DateScalar)
  decidedOn: string;

  @Field(() => DateScalar)
  effectiveOn: string;

  @Field({ description: 'Who recorded it.' })
  actor: string;

  static from(a: Amendment, agreementId: string): AmendmentModel {
    return Object.assign(new AmendmentModel(), { ...a, agreementId, type: a.type });
  }
}
