/**
 * schema/papers.schema.json is the authority; these types mirror it (optional keys are the ones the schema does not
 * require).
 */
export interface PapersFile {
  formatVersion: 1;
  agreement: string;
  papers: PaperEntry[];
}

export interface PaperEntry {
  body: string;
  reference: string;
  type: string | null;
  subject: string | null;
  date: string | null;
  originator: string | null;
  public: boolean | null;
  legalGround: string | null;
  agreementVersion: number | null;
  concerns: 'draftBeforeSignature' | 'signature' | 'extension' | 'amendment' | 'followUp' | 'other' | null;
  oparlId?: string;
  note?: string;
  consultations: ConsultationEntry[];
}

export interface ConsultationEntry {
  kind: 'districtOfficeDecision' | 'councilConsultation';
  body: string;
  date: string | null;
  meeting: string | null;
  meetingNumber: number | null;
  role: string | null;
  result: string | null;
  finished: boolean | null;
  oparlId?: string;
  note?: string;
}
