import { Field, ID, ObjectType } from '@nestjs/graphql';
import { isFormat2, termsOf } from '../../documents/agreement-terms.js';
import { factValue } from '../../documents/facts.js';
import type { VersionRow } from '../../versions/version.entity.js';

@ObjectType({ description: 'A target agreement: a stable id and its versions.' })
export class Agreement {
  @Field(() => ID, { description: 'Stable slug, e.g. soziale-wohnhilfen.' })
  id: string;

  @Field(() => String, { nullable: true, description: 'Title in the latest version; null when the document marks it as not known.' })
  title: string | null;

  @Field(() => String, { nullable: true, description: 'Party id of the lead Senate department in the latest version; null when not known.' })
  leadDepartment: string | null;

  @Field(() => String, { nullable: true })
  policyArea: string | null;

  /** The latest version, already loaded with the agreement; not a GraphQL field of its own. */
  latest: VersionRow;

  static from(latest: VersionRow): Agreement {
    const terms = termsOf(latest.content);
    return Object.assign(new Agreement(), {
      id: latest.agreementId,
      title: terms.title,
      leadDepartment: terms.leadDepartment,
      policyArea: isFormat2(latest.content) ? factValue(latest.content.policyArea) : latest.content.policyArea,
      latest,
    });
  }
}
