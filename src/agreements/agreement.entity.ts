import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The work: a stable id that versions hang off. Title and the rest live in the versions. */
@Entity({ name: 'agreements' })
export class AgreementRow {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;
}
