import { Field, InputType } from '@nestjs/graphql';

@InputType()
export class SignatureEvidenceInput {
  @Field()
  fileName: string;

  @Field({ description: 'SHA-256 of the file, 64 hex digits.' })
  sha256: string;
}
