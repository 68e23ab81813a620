import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class SignatureEvidence {
  @Field({ description: 'File name of the scan or signature file.' })
  fileName: string;

  @Field({ description: 'SHA-256 of that file, hex.' })
  sha256: string;
}
