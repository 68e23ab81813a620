import { esc } from '../../reports/rules/blocks.js';

export { esc };

/** Who is signed in, as the page header names them. */
export interface PageUser {
  name: string;
  /** e.g. "district-signatory mitte", as the register names actors. */
  label: string;
}

export interface PageShell {
  title: string;
  user: PageUser | null;
  /** The form token of this session, for the sign-out form. */
  csrf: string;
  body: string;
  /** Whether the header offers the way back to the list. */
  home?: boolean;
}

/** Marks a piece of HTML built from escaped parts, so it is not escaped twice. */
export type Html = string;

/** `html` for values that are already HTML; everything else goes through esc(). */
export const text = (value: string | number): Html => esc(String(value));

/**
 * One stylesheet for every page: no build step, no external file. Colours reach 4.5:1 on white; a warning is also
 * said in words and marked with a sign, never by colour alone. Wide tables scroll inside their own region on a
 * phone; print leaves out navigation and forms.
 */
const STYLE = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4a4a4a; --line: #8a8a8a; --accent: #0b4f8a; --warn-bg: #fff4d6; --warn-ink: #5c3b00; --error: #a00d0d; --ok-bg: #e6f4ea; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, "Segoe UI", Arial, sans-serif; font-size: 1rem; line-height: 1.5; color: var(--ink); background: #fff; }
a { color: var(--accent); }
a:focus, button:focus, input:focus, select:focus, textarea:focus, [tabindex]:focus { outline: 3px solid #e07000; outline-offset: 2px; }
.skip { position: absolute; left: -10000px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 10; }
header.site { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; justify-content: space-between; padding: .75rem 1rem; border-bottom: 2px solid var(--accent); }
header.site p { margin: 0; }
main { padding: 1rem; max-width: 75rem; margin: 0 auto; overflow-wrap: break-word; }
h1 { font-size: 1.6rem; line-height: 1.25; } h2 { font-size: 1.3rem; margin-top: 2rem; } h3 { font-size: 1.1rem; }
.table-scroll { overflow-x: auto; margin: .5rem 0 1rem; }
table { border-collapse: collapse; min-width: 100%; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #eef2f7; }
dl.facts { display: grid; grid-template-columns: minmax(10rem, max-content) minmax(0, 1fr); gap: .25rem 1rem; }
dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
.warning { background: var(--warn-bg); color: var(--warn-ink); border-left: 4px solid var(--warn-ink); padding: .25rem .5rem; }
.notice { background: var(--ok-bg); border-left: 4px solid #1e6b34; padding: .5rem; }
.error { color: var(--error); font-weight: 600; margin: .25rem 0; }
.errors { border: 2px solid var(--error); padding: .5rem; }
form.inline { display: flex; flex-wrap: wrap; gap: .75rem; align-items: flex-end; }
.field { margin: 0 0 .75rem; min-width: 0; max-width: 100%; }
.field label, .field legend { display: block; font-weight: 600; }
.field .hint { color: var(--muted); margin: 0; font-size: .9rem; }
input, select, textarea, button { font: inherit; }
input[type=text], input[type=date], input[type=number], select, textarea { padding: .35rem; border: 1px solid #595959; border-radius: 2px; max-width: 100%; }
textarea { width: 100%; min-height: 8rem; font-family: ui-monospace, monospace; }
input[aria-invalid=true], select[aria-invalid=true], textarea[aria-invalid=true] { border: 2px solid var(--error); }
button, .button { background: var(--accent); color: #fff; border: 0; padding: .45rem .9rem; border-radius: 3px; cursor: pointer; text-decoration: none; display: inline-block; }
button.link { background: none; color: var(--accent); text-decoration: underline; padding: 0; }
code { overflow-wrap: anywhere; }
pre { white-space: pre-wrap; word-break: break-word; background: #f6f6f6; padding: .75rem; border: 1px solid #ccc; }
ul.actions { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; padding: 0; list-style: none; }
@media (max-width: 40rem) { dl.facts { grid-template-columns: minmax(0, 1fr); } select { width: 100%; } dl.facts dd { margin-bottom: .5rem; } h1 { font-size: 1.35rem; } }
@media print {
  header.site form, .no-print, form, .skip { display: none !important; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  .table-scroll { overflow: visible; }
  table { font-size: 10pt; } h2 { break-after: avoid; } tr { break-inside: avoid; }
}
`;

/** A complete German HTML page. `body` is HTML built with esc() for every value. */
export function page(shell: PageShell): Html {
  const user = shell.user
    ? `<p>Angemeldet als <strong>${esc(shell.user.name)}</strong> (${esc(shell.user.label)})</p>
<form method="post" action="/sign-out"><input type="hidden" name="_csrf" value="${esc(shell.csrf)}"><button type="submit" class="link">Abmelden</button></form>`
    : '<p><a href="/sign-in">Anmelden</a></p>';
  return `<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(shell.title)} – Register der Zielvereinbarungen</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#inhalt">Zum Inhalt springen</a>
<header class="site">
<p><a href="/">Register der gesamtstädtischen Zielvereinbarungen</a></p>
<nav aria-label="Anmeldung">${user}</nav>
</header>
<main id="inhalt">
${shell.body}
</main>
</body>
</html>
`;
}

/** A table that scrolls on its own on a narrow screen; the region is focusable so a keyboard can scroll it. */
export function table(caption: string, head: readonly string[], rows: readonly (readonly Html[])[], options: { rowHeaders?: boolean } = {}): Html {
  const rowHeaders = options.rowHeaders ?? true;
  const body = rows
    .map(([first, ...rest]) => {
      const lead = rowHeaders ? `<th scope="row">${first}</th>` : `<td>${first}</td>`;
      return `<tr>${lead}${rest.map((c) => `<td>${c}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<div class="table-scroll" role="region" aria-label="${esc(caption)}" tabindex="0">
<table>
<caption>${esc(caption)}</caption>
<thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>
<tbody>
${body}
</tbody>
</table>
</div>`;
}

/** Label and value pairs; each value is HTML. */
export function facts(pairs: readonly (readonly [string, Html])[]): Html {
  return `<dl class="facts">${pairs.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

export function link(href: string, label: string): Html {
  return `<a href="${esc(href)}">${esc(label)}</a>`;
}

/** Query string from the non-empty values, for links that keep the chosen date and party. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
