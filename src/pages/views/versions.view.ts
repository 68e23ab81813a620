import { CHANGE_DE, dateDe, unknown, wordDe } from './words.js';
import { esc, facts, link, table, type Html } from './html.js';
import type { FieldChangeData } from './page-data.js';
import { storedOn } from './agreement.view.js';

export interface VersionView {
  agreementId: string;
  title: string;
  version: {
    number: number;
    yaml: string;
    createdAt: string;
    author: string;
    changeNote: string | null;
    contentHash: string;
    frozenOn: string | null;
  };
}

export function versionView(v: VersionView): { title: string; body: Html } {
  const x = v.version;
  const back = `/agreements/${encodeURIComponent(v.agreementId)}`;
  return {
    title: `${v.title}, Fassung ${x.number}`,
    body: `<p class="no-print">${link(back, `Zurück zu ${v.title}`)}</p>
<h1>${esc(v.title)}: Fassung ${x.number}</h1>
${facts([
  ['Gespeichert am', esc(storedOn(x.createdAt))],
  ['Von', esc(x.author)],
  ['Änderungsvermerk', x.changeNote ? esc(x.changeNote) : unknown],
  ['Eingefroren', x.frozenOn ? esc(dateDe(x.frozenOn)) : 'nicht eingefroren'],
  ['Prüfsumme (SHA-256)', `<code>${esc(x.contentHash)}</code>`],
])}
<h2>Text (YAML)</h2>
<pre lang="en" tabindex="0" aria-label="YAML der Fassung ${x.number}"><code>${esc(x.yaml)}</code></pre>`,
  };
}

/** A value of the diff as it reads: text as it is, numbers in German, structures as compact JSON. */
export function diffValue(value: unknown): Html {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string') return esc(value);
  if (typeof value === 'number') return esc(value.toLocaleString('de-DE', { maximumFractionDigits: 6 }));
  return `<code>${esc(JSON.stringify(value))}</code>`;
}

export interface DiffView {
  agreementId: string;
  title: string;
  from: number;
  to: number;
  changes: FieldChangeData[];
  note: string | null;
}

/** Field by field, labelled with the document's own names (steering field › standard › indicator › value). */
export function diffView(v: DiffView): { title: string; body: Html } {
  const back = `/agreements/${encodeURIComponent(v.agreementId)}`;
  const rows = v.changes.map((c) => [esc(c.label), esc(wordDe(CHANGE_DE, c.kind)), diffValue(c.before), diffValue(c.after)]);
  const list =
    v.changes.length === 0
      ? '<p>Die beiden Fassungen unterscheiden sich in keinem Feld.</p>'
      : table(`Änderungen von Fassung ${v.from} zu Fassung ${v.to}`, ['Feld', 'Art', `Fassung ${v.from}`, `Fassung ${v.to}`], rows);
  return {
    title: `${v.title}: Fassung ${v.from} und ${v.to}`,
    body: `<p class="no-print">${link(`${back}#fassungen`, `Zurück zu ${v.title}`)}</p>
<h1>${esc(v.title)}: Fassung ${v.from} und Fassung ${v.to} im Vergleich</h1>
<p role="status">${v.changes.length} geänderte(s) Feld(er).</p>
${list}
${v.note ? `<p>Hinweis: <span lang="en">${esc(v.note)}</span></p>` : ''}`,
  };
}

/** A text the service wrote (the Markdown draft of a council paper), shown as it is. */
export function textDocumentView(heading: string, backHref: string, backLabel: string, textBody: string): { title: string; body: Html } {
  return {
    title: heading,
    body: `<p class="no-print">${link(backHref, backLabel)}</p>
<h1>${esc(heading)}</h1>
<pre tabindex="0" aria-label="${esc(heading)}">${esc(textBody)}</pre>`,
  };
}

/** A page that says what went wrong, in German, with the service's own message. */
export function problemView(heading: string, message: string, code: string | null): { title: string; body: Html } {
  return {
    title: heading,
    body: `<h1>${esc(heading)}</h1>
<p class="error" role="alert">${code ? `${esc(code)}: ` : ''}<span lang="en">${esc(message)}</span></p>
<p>${link('/', 'Zur Übersicht')}</p>`,
  };
}
