import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AnyAgreementDocument } from '../documents/agreement-terms.js';

/** One immutable version as stored; the database refuses UPDATE and DELETE on it. */
@Entity({ name: 'agreement_versions' })
export class VersionRow {
  @PrimaryColumn({ name: 'agreement_id', type: 'text' })
  agreementId: string;

  @PrimaryColumn({ type: 'integer' })
  number: number;

  /** The YAML exactly as submitted, comments and layout included. */
  @Column({ type: 'text' })
  yaml: string;

  /** Stored as json (not jsonb), which keeps the key order of the document. */
  @Column({ type: 'json' })
  content: AnyAgreementDocument;

  @Column({ name: 'content_hash', type: 'char', length: 64 })
  contentHash: string;

  @Column({ name: 'previous_hash', type: 'char', length: 64, nullable: true })
  previousHash: string | null;

  @Column({ name: 'chain_hash', type: 'char', length: 64 })
  chainHash: string;

  @Column({ type: 'text' })
  author: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'change_note', type: 'text', nullable: true })
  changeNote: string | null;
}
