import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../../graphql/date.scalar.js';
import { bodyName, type Consultation } from '../rules/index.js';
import { ConsultationKind } from './enums.js';

@ObjectType('Consultation', {
  description: 'A step of a council paper (Beratungsfolge), the district office decision among them. Null where the sources do not say.',
})
export class ConsultationModel {
  @Field(() => ID)
  id: string;

  @Field(() => ConsultationKind)
  kind: ConsultationKind;

  @Field(() => ID, { description: "e.g. 'bvv-neukoelln', 'ba-neukoelln'." })
  body: string;

  @Field({ description: "German short name, e.g. 'BVV Neukölln'." })
  bodyName: string;

  @Field(() => DateScalar, { nullable: true })
  date: string | null;

  @Field(() => String, { nullable: true, description: "e.g. 'öffentliche Sitzung'." })
  meeting: string | null;

  @Field(() => Int, { nullable: true, description: 'e.g. 30 for the 30th session.' })
  meetingNumber: number | null;

  @Field(() => String, { nullable: true, description: "e.g. 'Kenntnisnahme'." })
  role: string | null;

  @Field(() => String, { nullable: true, description: "e.g. 'zur Kenntnis genommen'." })
  result: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the consultation is finished (Beratungsfolge beendet).' })
  finished: boolean | null;

  @Field(() => String, { nullable: true, description: 'The OParl Consultation id (a URL), where known.' })
  oparlId: string | null;

  @Field(() => String, { nullable: true, description: 'Why facts are missing, where they are.' })
  note: string | null;

  @Field()
  recordedBy: string;

  @Field({ description: 'Marked deleted by its council information system (OParl `deleted`); kept and shown as such.' })
  deleted: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'The latest OParl `modified` of the consultation, its meeting and its agenda item last imported, as given.',
  })
  oparlModified: string | null;

  static from(c: Consultation): ConsultationModel {
    // The fingerprint is the import's bookkeeping, not a fact of the consultation.
    const { paperId: _paperId, fingerprint: _fingerprint, ...rest } = c;
    return Object.assign(new ConsultationModel(), { ...rest, bodyName: bodyName(c.body) });
  }
}
