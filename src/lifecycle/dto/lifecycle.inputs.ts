import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { DateScalar } from '../../graphql/date.scalar.js';
import { AmendmentTypeEnum, SignatureLevelEnum } from '../models/enums.js';

@InputType()
export class SignatureEvidenceInput {
  @Field()
  fileName: string;

  @Field({ description: 'SHA-256 of the file, 64 hex digits.' })
  sha256: string;
}

@InputType()
export class RecordSignatureInput {
  @Field(() => ID)
  agreementId: string;

  @Field(() => Int, { description: 'The frozen version signed.' })
  version: number;

  @Field(() => ID)
  party: string;

  @Field(() => ID, { description: "A signatory role of the party in that version, e.g. 'soziales'." })
  role: string;

  @Field()
  personName: string;

  @Field(() => String, { nullable: true })
  office?: string | null;

  @Field(() => DateScalar)
  signedOn: string;

  @Field(() => SignatureLevelEnum)
  level: SignatureLevelEnum;

  @Field(() => SignatureEvidenceInput, { nullable: true })
  evidence?: SignatureEvidenceInput | null;
}

@InputType()
export class WithdrawSignatureInput {
  @Field(() => ID)
  signatureId: string;

  @Field(() => DateScalar)
  withdrawnOn: string;

  @Field()
  reason: string;
}

@InputType()
export class ExtendValidityInput {
  @Field(() => ID)
  agreementId: string;

  @Field(() => DateScalar, { description: 'The new end of validity.' })
  until: string;

  @Field({ description: 'What backs the extension, e.g. "Schreiben SenASGIVA vom 21.11.2023".' })
  source: string;

  @Field(() => DateScalar)
  decidedOn: string;

  @Field(() => DateScalar)
  effectiveOn: string;
}

@InputType()
export class AmendAgreementInput {
  @Field(() => ID)
  agreementId: string;

  @Field(() => Int, { description: 'Must be the latest version.' })
  baseVersion: number;

  @Field({ description: 'The amended document.' })
  yaml: string;

  @Field(() => AmendmentTypeEnum)
  type: AmendmentTypeEnum;

  @Field()
  source: string;

  @Field(() => DateScalar)
  decidedOn: string;

  @Field(() => DateScalar)
  effectiveOn: string;
}

@InputType()
export class CreateFollowUpDraftInput {
  @Field(() => ID)
  predecessorId: string;

  @Field(() => Int, { nullable: true, description: 'Version to carry over; the latest when omitted.' })
  predecessorVersion?: number | null;

  @Field(() => ID, { description: 'Id of the new agreement.' })
  id: string;

  @Field()
  title: string;
}
