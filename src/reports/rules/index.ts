/** German reports of an agreement and the draft of a council paper: pure functions from recorded facts to text. */
export * from './blocks.js';
export * from './report-input.js';
export { agreementReport } from './agreement-report.js';
export { draftCouncilPaper, ReportInputError } from './draft-paper.js';
export { STATE_DE, MISSING_DE, NOT_GIVEN } from './german.js';
