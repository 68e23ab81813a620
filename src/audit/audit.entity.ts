import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'audit_log' })
export class AuditRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz', insert: false })
  at: Date;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', array: true })
  roles: string[];

  /** The department(s), district or council body the actor acts for. */
  @Column({ type: 'text', nullable: true })
  party: string | null;

  @Column({ type: 'text' })
  operation: string;

  @Column({ name: 'agreement_id', type: 'text', nullable: true })
  agreementId: string | null;

  @Column({ type: 'integer', nullable: true })
  version: number | null;

  /** SHA-256 of the canonical JSON of the arguments: proves what was sent without storing documents twice. */
  @Column({ name: 'args_digest', type: 'char', length: 64 })
  argsDigest: string;

  /** 'ok' or the error code. */
  @Column({ type: 'text' })
  outcome: string;
}
