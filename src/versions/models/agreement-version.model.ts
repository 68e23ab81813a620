import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar } from '../../graphql/date-time.scalar.js';
import { JSONScalar } from '../../graphql/json.scalar.js';
import { DOCUMENT_FIELD_COST } from '../../graphql/limits/index.js';
import { termsOf } from '../../documents/agreement-terms.js';
import type { VersionRow } from '../version.entity.js';

@ObjectType({ description: 'One immutable version of an agreement, exactly as submitted.' })
export class AgreementVersion {
  @Field(() => ID)
  agreementId: string;

  @Field(() => Int, { description: 'Counts from 1 within the agreement.' })
  number: number;

  @Field({ description: 'The YAML text exactly as submitted, comments and layout included.', complexity: DOCUMENT_FIELD_COST })
  yaml: string;

  @Field(() => JSONScalar, { description: 'The parsed document.', complexity: DOCUMENT_FIELD_COST })
  content: unknown;

  @Field(() => String, { nullable: true, description: 'Title of the agreement in this version; null when the document marks it as not known.' })
  title: string | null;

  @Field(() => Int, { description: 'The YAML format the version is written in (1 or 2); stored versions keep theirs.' })
  formatVersion: number;

  @Field({ description: 'SHA-256 over the canonical JSON form (RFC 8785) of the content.' })
  contentHash: string;

  @Field(() => String, { nullable: true, description: 'Chain hash of the version before; null for version 1.' })
  previousHash: string | null;

  @Field({ description: "SHA-256 over this version's link: agreement, number, previous hash, content hash, author, time, note." })
  chainHash: string;

  @Field()
  author: string;

  @Field(() => DateTimeScalar)
  createdAt: Date;

  @Field(() => String, { nullable: true })
  changeNote: string | null;

  static from(row: VersionRow): AgreementVersion {
    return Object.assign(new AgreementVersion(), {
      agreementId: row.agreementId,
      number: row.number,
      yaml: row.yaml,
      content: row.content,
      title: termsOf(row.content).title,
      formatVersion: row.content.formatVersion,
      contentHash: row.contentHash,
      previousHash: row.previousHash,
      chainHash: row.chainHash,
      author: row.author,
      createdAt: row.createdAt,
      changeNote: row.changeNote,
    });
  }
}
