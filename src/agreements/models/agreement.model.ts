import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { VersionRow } from '../../versions/version.entity.js';

@ObjectType({ description: 'A target agreement: a stable id and its versions.' })
export class Agreement {
  @Field(() => ID, { description: 'Stable slug, e.g. soziale-wohnhilfen.' })
  id: string;

  @Field({ description: 'Title in the latest version.' })
  title: string;

  @Field({ description: 'Party id of the lead Senate department in the latest version.' })
  leadDepartment: string;

  @Field(() => String, { nullable: true })
  policyArea: string | null;

  /** The latest version, already loaded with the agreement; not a GraphQL field of its own. */
  latest: VersionRow;

  static from(latest: VersionRow): Agreement {
    return Object.assign(new Agreement(), {
      id: latest.agreementId,
      title: latest.content.title,
      leadDepartment: latest.content.leadDepartment,
      policyArea: latest.content.policyArea,
      latest,
    });
  }
}
