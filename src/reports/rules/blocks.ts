/**
 * A report as a list of blocks, rendered to Markdown or to HTML by the same content: what one format shows, the
 * other shows too. Pure.
 */
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  /** Label and value pairs, one row each; the label is the row's header. */
  | { kind: 'fields'; caption: string; rows: Array<[string, string]> }
  /** A table whose first column is each row's header. */
  | { kind: 'table'; caption: string; head: string[]; rows: string[][] };

export interface ReportDocument {
  title: string;
  blocks: Block[];
}

/** Markdown text, escaped so that no value can start a heading, a list, a link, or break a table. */
export function toMarkdown(doc: ReportDocument): string {
  const out: string[] = [];
  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'heading':
        out.push(`${'#'.repeat(block.level)} ${mdText(block.text)}`);
        break;
      case 'paragraph':
        out.push(mdText(block.text));
        break;
      case 'list':
        out.push(block.items.map((item) => `- ${mdText(item)}`).join('\n'));
        break;
      case 'fields':
        out.push(mdTable(['Angabe', 'Wert'], block.rows));
        break;
      case 'table':
        out.push(mdTable(block.head, block.rows));
        break;
    }
  }
  return out.join('\n\n') + '\n';
}

function mdTable(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(mdCell).join(' | ')} |`;
  return [line(head), `| ${head.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}

/**
 * Markdown's own characters are escaped where they could format, link or break a table: emphasis, code, links,
 * inline HTML, table pipes, entities, and a heading, quote or list marker at the start. A line break becomes a space.
 */
export function mdText(text: string): string {
  return mdInline(text).replace(/^(\s*)([#+-]|\d+[.)])(?=\s|$)/, '$1\\$2');
}

/** mdText inside a table cell, where a marker at the start means nothing. */
function mdInline(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/([\\`*_[\]<>|~])/g, '\\$1')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
}

function mdCell(text: string): string {
  return mdInline(text) || ' ';
}

/** A complete HTML5 document in German; every value is escaped. */
export function toHtml(doc: ReportDocument): string {
  const body: string[] = [];
  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'heading':
        body.push(`<h${block.level}>${esc(block.text)}</h${block.level}>`);
        break;
      case 'paragraph':
        body.push(`<p>${esc(block.text)}</p>`);
        break;
      case 'list':
        body.push(`<ul>\n${block.items.map((i) => `  <li>${esc(i)}</li>`).join('\n')}\n</ul>`);
        break;
      case 'fields':
        body.push(
          [
            '<table>',
            `  <caption>${esc(block.caption)}</caption>`,
            '  <tbody>',
            ...block.rows.map(([label, value]) => `    <tr><th scope="row">${esc(label)}</th><td>${esc(value)}</td></tr>`),
            '  </tbody>',
            '</table>',
          ].join('\n'),
        );
        break;
      case 'table':
        body.push(
          [
            '<table>',
            `  <caption>${esc(block.caption)}</caption>`,
            `  <thead><tr>${block.head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>`,
            '  <tbody>',
            ...block.rows.map(
              ([first, ...rest]) => `    <tr><th scope="row">${esc(first ?? '')}</th>${rest.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`,
            ),
            '  </tbody>',
            '</table>',
          ].join('\n'),
        );
        break;
    }
  }
  return [
    '<!DOCTYPE html>',
    '<html lang="de">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${esc(doc.title)}</title>`,
    '</head>',
    '<body>',
    '<main>',
    ...body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Escapes text for HTML element content and attribute values. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
