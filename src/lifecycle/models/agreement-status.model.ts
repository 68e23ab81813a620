import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../../graphql/date.scalar.js';
import type { AgreementStatus, MissingSignature, PartyStatus } from '../rules/index.js';
import { AmendmentModel } from './amendment.model.js';
import { LifecycleState } from './enums.js';
import { SignatureModel } from './signature.model.js';
import { MissingSignatureModel } from './missing-signature.model.js';
import { PartyStatusModel } from './party-status.model.js';
import { MissingFactModel } from './missing-fact.model.js';

@ObjectType('AgreementStatus', { description: 'An agreement (or one party of it) as of a date; later records are ignored.' })
export class AgreementStatusModel {
  @Field(() => ID)
  agreementId: string;

  @Field(() => DateScalar)
  asOf: string;

  @Field(() => ID, { nullable: true, description: 'Set when the status is for one party.' })
  party: string | null;

  @Field(() => LifecycleState)
  state: LifecycleState;

  @Field(() => Int, { nullable: true })
  versionInForce: number | null;

  @Field(() => Int, { nullable: true, description: 'Latest version existing on that date.' })
  latestVersion: number | null;

  @Field(() => DateScalar, { nullable: true })
  validFrom: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'As extended by then.' })
  validUntil: string | null;

  @Field(() => DateScalar, { nullable: true })
  inForceSince: string | null;

  @Field(() => [AmendmentModel], { description: 'Amendments decided and effective by that date.' })
  amendmentsApplied: AmendmentModel[];

  @Field(() => [SignatureModel], { description: 'Signatures in effect on that date.' })
  signatures: SignatureModel[];

  @Field(() => [MissingSignatureModel])
  missing: MissingSignatureModel[];

  @Field(() => [PartyStatusModel])
  parties: PartyStatusModel[];

  @Field(() => ID, { nullable: true })
  predecessorId: string | null;

  @Field(() => ID, { nullable: true })
  successorId: string | null;

  @Field(() => LifecycleState, { nullable: true, description: "The successor's own state on that date, e.g. DRAFT while it is drafted." })
  successorState: LifecycleState | null;

  @Field(() => Int, { nullable: true, description: 'Days from that date to the end of validity, while in force.' })
  daysUntilExpiry: number | null;

  @Field(() => [MissingFactModel], {
    description: 'What the version reported on (the one in force, else the latest) marks as not known, to be agreed or not applicable.',
  })
  missingFacts: MissingFactModel[];

  static from(s: AgreementStatus): AgreementStatusModel {
    const sig = (x: Parameters<typeof SignatureModel.from>[0]) => SignatureModel.from(x, s.agreementId);
    return Object.assign(new AgreementStatusModel(), {
      ...s,
      state: s.state,
      successorState: s.successorState,
      amendmentsApplied: s.amendmentsApplied.map((a) => AmendmentModel.from(a, s.agreementId)),
      signatures: s.signatures.map(sig),
      missing: s.missing.map(missing),
      parties: s.parties.map((p: PartyStatus) =>
        Object.assign(new PartyStatusModel(), {
          ...p,
          kind: p.kind,
          signatures: p.signatures.map(sig),
          missing: p.missing.map(missing),
        }),
      ),
    });
  }
}

function missing(m: MissingSignature): MissingSignatureModel {
  return Object.assign(new MissingSignatureModel(), m);
}
