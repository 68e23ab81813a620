import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { DateScalar } from '../../graphql/date.scalar.js';
import { SignatureLevel } from '../models/enums.js';
import { SignatureEvidenceInput } from './signature-evidence.input.js';

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

  @Field(() => SignatureLevel)
  level: SignatureLevel;

  @Field(() => SignatureEvidenceInput, { nullable: true })
  evidence?: SignatureEvidenceInput | null;
}
