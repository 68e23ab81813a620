import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar } from '../../graphql/date-time.scalar.js';
import type { AuditRow } from '../audit.entity.js';

@ObjectType({ description: 'One mutation attempt that passed authentication, or one file an import stored from.' })
export class AuditEntry {
  @Field(() => ID)
  id: string;

  @Field(() => DateTimeScalar)
  at: Date;

  @Field({ description: 'Token subject.' })
  subject: string;

  @Field()
  name: string;

  @Field(() => [String])
  roles: string[];

  @Field(() => String, { nullable: true, description: 'Department(s), district or council body acted for.' })
  party: string | null;

  @Field({ description: 'The mutation called; `import` (command line) or `loadAgreementsFolder` (start) for imports.' })
  operation: string;

  @Field(() => ID, { nullable: true })
  agreementId: string | null;

  @Field(() => Int, { nullable: true })
  version: number | null;

  @Field({ description: 'SHA-256 of the canonical JSON of the arguments.' })
  argsDigest: string;

  @Field({ description: "'ok', 'forced' (an import stored over newer versions on purpose) or the error code." })
  outcome: string;

  static from(row: AuditRow): AuditEntry {
    return Object.assign(new AuditEntry(), row);
  }
}
