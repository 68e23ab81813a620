import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../../graphql/date.scalar.js';
import type { AgreementStatus, LifecycleEvent, MissingSignature, PartyStatus } from '../rules/index.js';
import { AmendmentModel } from './amendment.model.js';
import { LifecycleEventKindEnum, LifecycleStateEnum, PartyKindEnum } from './enums.js';
import { SignatureModel } from './signature.model.js';

@ObjectType('MissingSignature', { description: 'A signatory role of a party that has not signed.' })
export class MissingSignatureModel {
  @Field(() => ID)
  party: string;

  @Field()
  partyName: string;

  @Field(() => ID)
  role: string;

  @Field()
  roleTitle: string;
}

@ObjectType('PartyStatus', { description: 'Where one party stands: has it signed completely, since when is it bound?' })
export class PartyStatusModel {
  @Field(() => ID)
  party: string;

  @Field()
  partyName: string;

  @Field(() => PartyKindEnum)
  kind: PartyKindEnum;

  @Field(() => Int, { description: 'The version this entry reports on: the one binding the party, else the one it would sign.' })
  version: number;

  @Field({ description: 'Every signatory role of the party has signed.' })
  complete: boolean;

  @Field(() => DateScalar, { nullable: true })
  boundSince: string | null;

  @Field(() => [SignatureModel])
  signatures: SignatureModel[];

  @Field(() => [MissingSignatureModel])
  missing: MissingSignatureModel[];

  @Field({ description: 'false when no signature of this party is recorded at all: its signing is not documented here.' })
  signingRecorded: boolean;
}

@ObjectType('AgreementStatus', { description: 'An agreement (or one party of it) as of a date; later records are ignored.' })
export class AgreementStatusModel {
  @Field(() => ID)
  agreementId: string;

  @Field(() => DateScalar)
  asOf: string;

  @Field(() => ID, { nullable: true, description: 'Set when the status is for one party.' })
  party: string | null;

  @Field(() => LifecycleStateEnum)
  state: LifecycleStateEnum;

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

  @Field(() => LifecycleStateEnum, { nullable: true, description: "The successor's own state on that date, e.g. DRAFT while it is drafted." })
  successorState: LifecycleStateEnum | null;

  @Field(() => Int, { nullable: true, description: 'Days from that date to the end of validity, while in force.' })
  daysUntilExpiry: number | null;

  static from(s: AgreementStatus): AgreementStatusModel {
    const sig = (x: Parameters<typeof SignatureModel.from>[0]) => SignatureModel.from(x, s.agreementId);
    return Object.assign(new AgreementStatusModel(), {
      ...s,
      state: s.state as LifecycleStateEnum,
      successorState: s.successorState as LifecycleStateEnum | null,
      amendmentsApplied: s.amendmentsApplied.map((a) => AmendmentModel.from(a, s.agreementId)),
      signatures: s.signatures.map(sig),
      missing: s.missing.map(missing),
      parties: s.parties.map((p: PartyStatus) =>
        Object.assign(new PartyStatusModel(), {
          ...p,
          kind: p.kind as PartyKindEnum,
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

@ObjectType('LifecycleEvent', { description: "One dated step in an agreement's life." })
export class LifecycleEventModel {
  @Field(() => DateScalar)
  date: string;

  @Field(() => LifecycleEventKindEnum)
  kind: LifecycleEventKindEnum;

  @Field(() => String, { nullable: true })
  actor: string | null;

  @Field(() => Int, { nullable: true })
  version: number | null;

  @Field(() => ID, { nullable: true })
  party: string | null;

  @Field({ description: 'Short German description.' })
  detail: string;

  static from(e: LifecycleEvent): LifecycleEventModel {
    return Object.assign(new LifecycleEventModel(), { ...e, kind: e.kind as LifecycleEventKindEnum });
  }
}
