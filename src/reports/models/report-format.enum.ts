import { registerEnumType } from '@nestjs/graphql';

/** The form of a report: Markdown text, or a complete HTML document. */
export const ReportFormat = { MARKDOWN: 'MARKDOWN', HTML: 'HTML' } as const;
export type ReportFormat = (typeof ReportFormat)[keyof typeof ReportFormat];

registerEnumType(ReportFormat, {
  name: 'ReportFormat',
  description: 'The form of a German report.',
  valuesMap: {
    MARKDOWN: { description: 'Markdown text.' },
    HTML: { description: 'A complete HTML document (lang="de"), every value escaped.' },
  },
});
