import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../../graphql/date.scalar.js';
import { bodyName, parseReference, type Consultation, type Paper } from '../rules/index.js';
import { PaperConcerns } from './enums.js';

@ObjectType('Paper', {
  description: 'A council paper (Drucksache) and what it reports on. Null where the sources do not say; `note` says why.',
})
export class PaperModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { description: "The council body, e.g. 'bvv-neukoelln'." })
  body: string;

  @Field({ description: "German short name, e.g. 'BVV Neukölln'." })
  bodyName: string;

  @Field({ description: "Number and legislative term, e.g. '1265/XXI'." })
  reference: string;

  @Field(() => Int, { description: 'The legislative term (Wahlperiode) as a number: XXI is 21.' })
  term: number;

  @Field(() => String, { nullable: true, description: "e.g. 'Vorlage zur Kenntnisnahme'." })
  type: string | null;

  @Field(() => String, { nullable: true, description: 'Betreff.' })
  subject: string | null;

  @Field(() => DateScalar, { nullable: true })
  date: string | null;

  @Field(() => String, { nullable: true, description: "Initiator, e.g. 'BA/SozGes'." })
  originator: string | null;

  @Field(() => Boolean, { nullable: true })
  public: boolean | null;

  @Field(() => String, { nullable: true, description: "e.g. '§ 15 BezVG'." })
  legalGround: string | null;

  @Field(() => ID, { nullable: true })
  agreementId: string | null;

  @Field(() => Int, { nullable: true, description: 'The version of the agreement it reports on.' })
  agreementVersion: number | null;

  @Field(() => PaperConcerns, { nullable: true })
  concerns: PaperConcerns | null;

  @Field(() => String, { nullable: true, description: 'The OParl Paper id (a URL), where known.' })
  oparlId: string | null;

  @Field(() => String, { nullable: true, description: 'Why facts are missing, where they are.' })
  note: string | null;

  @Field()
  recordedBy: string;

  @Field({ description: 'Marked deleted by its council information system (OParl `deleted`); kept and shown as such.' })
  deleted: boolean;

  @Field(() => String, { nullable: true, description: 'OParl `modified` of the object last imported, as given.' })
  oparlModified: string | null;

  @Field(() => Int, { description: 'How often the paper was revised (by an OParl import or a link); 0 as first recorded.' })
  revision: number;

  /** Resolved as a page by PaperConsultationsResolver. */
  steps: Consultation[];

  static from(p: Paper): PaperModel {
    // The fingerprint is the import's bookkeeping, not a fact of the paper.
    const { consultations, fingerprint: _fingerprint, ...rest } = p;
    return Object.assign(new PaperModel(), {
      ...rest,
      bodyName: bodyName(p.body),
      term: parseReference(p.reference)?.term ?? 0,
      steps: consultations,
    });
  }
}
