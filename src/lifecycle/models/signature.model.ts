import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar } from '../../graphql/date-time.scalar.js';
import { DateScalar } from '../../graphql/date.scalar.js';
import type { SignatureRecord } from '../lifecycle.repository.js';
import { SignatureLevel } from './enums.js';
import { SignatureEvidence } from './signature-evidence.model.js';
import { SignatureWithdrawal } from './signature-withdrawal.model.js';

@ObjectType('Signature', { description: 'A signatory of a party signed one exact version (bound to its content hash).' })
export class SignatureModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  agreementId: string;

  @Field(() => Int)
  version: number;

  @Field({ description: 'Content hash of the version signed.' })
  contentHash: string;

  @Field(() => ID)
  party: string;

  @Field(() => ID, { description: 'Signatory role id of the party.' })
  role: string;

  @Field()
  personName: string;

  @Field(() => String, { nullable: true })
  office: string | null;

  @Field(() => DateScalar)
  signedOn: string;

  @Field(() => SignatureLevel)
  level: SignatureLevel;

  @Field(() => SignatureEvidence, { nullable: true })
  evidence: SignatureEvidence | null;

  @Field({ description: 'Who recorded the signature (from their token).' })
  recordedBy: string;

  @Field(() => DateTimeScalar, { nullable: true })
  recordedAt: Date | null;

  @Field(() => SignatureWithdrawal, { nullable: true, description: 'Set when withdrawn; it stays in the history.' })
  withdrawal: SignatureWithdrawal | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Set where the signature is listed for a later version than the one signed: that version, whose signatures a validity extension carried over. Null on the version signed.',
  })
  carriedOverFrom: number | null;

  static from(
    s: Partial<SignatureRecord> & Omit<SignatureRecord, 'agreementId' | 'recordedAt'> & { carriedOverFrom?: number | null },
    agreementId: string,
  ): SignatureModel {
    const made = models.get(s);
    if (made?.agreementId === agreementId) return made;
    const model = Object.assign(new SignatureModel(), {
      ...s,
      agreementId,
      level: s.level,
      recordedAt: s.recordedAt ?? null,
      carriedOverFrom: s.carriedOverFrom ?? null,
    });
    models.set(s, model);
    return model;
  }
}

/**
 * The model made of each signature record. Statuses list the same records request after request (the kept status
 * inputs hold them, src/lifecycle/status-inputs.cache.ts), and neither records nor models are ever changed, so
 * each is made once; a record no longer held takes its model with it.
 */
const models = new WeakMap<object, SignatureModel>();
