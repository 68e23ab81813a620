import { esc, link, type Html } from './html.js';
import { CONCERNS_DE, LEVEL_DE, STEP_DE, dateDe } from './words.js';
import type { FormErrors } from './form-errors.js';
import type { PartyRef } from './page-data.js';

export interface Option {
  value: string;
  label: string;
}

export interface FieldSpec {
  name: string;
  label: string;
  type: 'text' | 'date' | 'number' | 'select' | 'textarea' | 'file';
  options?: readonly Option[];
  required?: boolean;
  hint?: string;
}

/** The service's messages (`CODE: text`) are English and marked so for screen readers; the pages' own are German. */
function message(m: string): Html {
  return /^[A-Z_]+: /.test(m) ? `<span lang="en">${esc(m)}</span>` : esc(m);
}

/** Form ids are unique on a page with several forms: `<form>-<field>`. */
function fieldHtml(form: string, spec: FieldSpec, values: Record<string, string>, errors: FormErrors): Html {
  const id = `${form}-${spec.name}`;
  const messages = errors.fields[spec.name] ?? [];
  const value = values[spec.name] ?? '';
  const described = [spec.hint ? `${id}-hint` : '', messages.length > 0 ? `${id}-error` : ''].filter(Boolean).join(' ');
  const common = `id="${id}" name="${esc(spec.name)}"${spec.required ? ' required aria-required="true"' : ''}${
    messages.length > 0 ? ' aria-invalid="true"' : ''
  }${described ? ` aria-describedby="${described}"` : ''}`;
  let control: string;
  if (spec.type === 'select') {
    const options = (spec.options ?? [])
      .map((o) => `<option value="${esc(o.value)}"${o.value === value ? ' selected' : ''}>${esc(o.label)}</option>`)
      .join('');
    control = `<select ${common}>${options}</select>`;
  } else if (spec.type === 'textarea') {
    control = `<textarea ${common}>${esc(value)}</textarea>`;
  } else if (spec.type === 'file') {
    control = `<input type="file" ${common}>`;
  } else {
    control = `<input type="${spec.type}" ${common} value="${esc(value)}">`;
  }
  const hint = spec.hint ? `<p class="hint" id="${id}-hint">${esc(spec.hint)}</p>` : '';
  const error = messages.length > 0 ? `<p class="error" id="${id}-error">${messages.map((m) => `Fehler: ${message(m)}`).join('<br>')}</p>` : '';
  return `<div class="field"><label for="${id}">${esc(spec.label)}${spec.required ? ' (Pflichtfeld)' : ''}</label>${hint}${control}${error}</div>`;
}

export interface FormSpec {
  id: string;
  heading: string;
  action: string;
  submit: string;
  multipart?: boolean;
  fields: readonly FieldSpec[];
  values: Record<string, string>;
  errors: FormErrors;
  csrf: string;
}

/** A form with its heading, the errors that belong to no field above it, and each field's errors beside it. */
export function form(f: FormSpec): Html {
  const general =
    f.errors.general.length > 0
      ? `<div class="errors" role="alert" id="${f.id}-errors"><p class="error">Nicht gespeichert:</p><ul>${f.errors.general
          .map((m) => `<li>${message(m)}</li>`)
          .join('')}</ul></div>`
      : Object.keys(f.errors.fields).length > 0
        ? `<p class="error" role="alert" id="${f.id}-errors">Nicht gespeichert: bitte die markierten Felder prüfen.</p>`
        : '';
  return `<section aria-labelledby="${f.id}-heading">
<h2 id="${f.id}-heading">${esc(f.heading)}</h2>
${general}
<form method="post" action="${esc(f.action)}" id="${f.id}"${f.multipart ? ' enctype="multipart/form-data"' : ''} novalidate>
<input type="hidden" name="_csrf" value="${esc(f.csrf)}">
${f.fields.map((s) => fieldHtml(f.id, s, f.values, f.errors)).join('\n')}
<button type="submit">${esc(f.submit)}</button>
</form>
</section>`;
}

const levelOptions: Option[] = Object.entries(LEVEL_DE).map(([value, label]) => ({ value, label }));

export interface SignatureFormView {
  agreementId: string;
  title: string;
  /** Frozen versions, which are the ones that can be signed. */
  versions: { number: number; frozenOn: string | null }[];
  /** The districts and departments the user may pick; a district signatory's own first. */
  parties: PartyRef[];
  roles: Option[];
  values: Record<string, string>;
  errors: FormErrors;
  csrf: string;
}

export const SIGNATURE_FIELDS = ['version', 'party', 'role', 'personName', 'office', 'signedOn', 'level', 'evidence'] as const;

export function signatureFormView(v: SignatureFormView): { title: string; body: Html } {
  const back = `/agreements/${encodeURIComponent(v.agreementId)}`;
  const fields: FieldSpec[] = [
    {
      name: 'version',
      label: 'Unterschriebene Fassung',
      type: 'select',
      required: true,
      options: v.versions.map((x) => ({ value: String(x.number), label: `Fassung ${x.number}, eingefroren am ${dateDe(x.frozenOn)}` })),
    },
    { name: 'party', label: 'Partei', type: 'select', required: true, options: v.parties.map((p) => ({ value: p.id, label: p.name })) },
    { name: 'role', label: 'Rolle der unterzeichnenden Person', type: 'select', required: true, options: v.roles },
    { name: 'personName', label: 'Name der unterzeichnenden Person', type: 'text', required: true },
    { name: 'office', label: 'Amt oder Funktion', type: 'text', hint: 'Freiwillig, z. B. Bezirksstadträtin für Soziales.' },
    { name: 'signedOn', label: 'Unterschrieben am', type: 'date', required: true },
    { name: 'level', label: 'Form der Unterschrift', type: 'select', required: true, options: levelOptions },
    {
      name: 'evidence',
      label: 'Eingescannte Unterschriftsseite',
      type: 'file',
      hint: 'Freiwillig. Der Dienst berechnet die SHA-256-Prüfsumme und speichert Dateiname und Prüfsumme, nicht die Datei.',
    },
  ];
  return {
    title: `Unterschrift erfassen – ${v.title}`,
    body: `<p class="no-print">${link(back, `Zurück zu ${v.title}`)}</p>
<h1>Unterschrift erfassen: ${esc(v.title)}</h1>
${form({
  id: 'unterschrift',
  heading: 'Unterschrift',
  action: `${back}/signatures`,
  submit: 'Unterschrift speichern',
  multipart: true,
  fields,
  values: v.values,
  errors: v.errors,
  csrf: v.csrf,
})}`,
  };
}

export const PAPER_FIELDS = [
  'body',
  'reference',
  'type',
  'date',
  'subject',
  'originator',
  'legalGround',
  'concerns',
  'agreementVersion',
  'note',
] as const;
export const CONSULTATION_FIELDS = [
  'paperBody',
  'reference',
  'body',
  'kind',
  'date',
  'meeting',
  'meetingNumber',
  'role',
  'result',
  'finished',
  'note',
] as const;
export const OPARL_FIELDS = ['body', 'json'] as const;

export interface PapersFormView {
  agreementId: string;
  title: string;
  /** Council bodies the user may pick (bvv-<district>), the council office's own first. */
  bodies: Option[];
  versions: number[];
  forms: Record<'paper' | 'consultation' | 'oparl', { values: Record<string, string>; errors: FormErrors }>;
  csrf: string;
}

const optional = (options: Option[]): Option[] => [{ value: '', label: 'unbekannt' }, ...options];

export function papersFormView(v: PapersFormView): { title: string; body: Html } {
  const back = `/agreements/${encodeURIComponent(v.agreementId)}`;
  const concerns = optional(Object.entries(CONCERNS_DE).map(([value, label]) => ({ value, label })));
  const paper: FieldSpec[] = [
    { name: 'body', label: 'Gremium (BVV)', type: 'select', required: true, options: v.bodies },
    { name: 'reference', label: 'Drucksachennummer', type: 'text', required: true, hint: 'z. B. 1265/XXI' },
    { name: 'type', label: 'Art', type: 'text', hint: 'z. B. Vorlage zur Kenntnisnahme' },
    { name: 'date', label: 'Datum', type: 'date' },
    { name: 'subject', label: 'Betreff', type: 'text' },
    { name: 'originator', label: 'Einreicher', type: 'text', hint: 'z. B. BA/SozGes' },
    { name: 'legalGround', label: 'Rechtsgrundlage', type: 'text', hint: 'z. B. § 15 BezVG' },
    { name: 'concerns', label: 'Betrifft', type: 'select', options: concerns },
    {
      name: 'agreementVersion',
      label: 'Berichtet über Fassung',
      type: 'select',
      options: optional(v.versions.map((n) => ({ value: String(n), label: `Fassung ${n}` }))),
    },
    { name: 'note', label: 'Anmerkung', type: 'text', hint: 'Warum eine Angabe fehlt, oder woher sie stammt.' },
  ];
  const consultation: FieldSpec[] = [
    { name: 'paperBody', label: 'Gremium der Drucksache', type: 'select', required: true, options: v.bodies },
    { name: 'reference', label: 'Drucksachennummer', type: 'text', required: true },
    { name: 'body', label: 'Beratendes Gremium', type: 'text', required: true, hint: 'z. B. bvv-neukoelln, oder ba-neukoelln für das Bezirksamt' },
    {
      name: 'kind',
      label: 'Art des Schritts',
      type: 'select',
      required: true,
      options: Object.entries(STEP_DE).map(([value, label]) => ({ value, label })),
    },
    { name: 'date', label: 'Datum', type: 'date' },
    { name: 'meeting', label: 'Sitzung', type: 'text', hint: 'z. B. 30. öffentliche Sitzung' },
    { name: 'meetingNumber', label: 'Nummer der Sitzung', type: 'number' },
    { name: 'role', label: 'Rolle in der Beratung', type: 'text', hint: 'z. B. Kenntnisnahme' },
    { name: 'result', label: 'Ergebnis', type: 'text', hint: 'z. B. zur Kenntnis genommen' },
    {
      name: 'finished',
      label: 'Beratung abgeschlossen',
      type: 'select',
      options: [
        { value: '', label: 'unbekannt' },
        { value: 'true', label: 'ja' },
        { value: 'false', label: 'nein' },
      ],
    },
    { name: 'note', label: 'Anmerkung', type: 'text' },
  ];
  const oparl: FieldSpec[] = [
    { name: 'body', label: 'Gremium (BVV)', type: 'select', required: true, options: v.bodies },
    {
      name: 'json',
      label: 'OParl-Paper (JSON)',
      type: 'textarea',
      required: true,
      hint: 'Ein OParl-1.1-Objekt vom Typ Paper, wie es das Ratsinformationssystem liefert.',
    },
  ];
  const f = v.forms;
  return {
    title: `Drucksachen erfassen – ${v.title}`,
    body: `<p class="no-print">${link(back, `Zurück zu ${v.title}`)}</p>
<h1>Drucksachen und Beratungen: ${esc(v.title)}</h1>
${form({ id: 'drucksache', heading: 'Drucksache erfassen', action: `${back}/papers`, submit: 'Drucksache speichern', fields: paper, ...f.paper, csrf: v.csrf })}
${form({ id: 'beratung', heading: 'Beratung oder Beschluss erfassen', action: `${back}/consultations`, submit: 'Beratung speichern', fields: consultation, ...f.consultation, csrf: v.csrf })}
${form({ id: 'oparl', heading: 'Drucksache aus OParl übernehmen', action: `${back}/oparl`, submit: 'OParl-Drucksache übernehmen', fields: oparl, ...f.oparl, csrf: v.csrf })}`,
  };
}

export interface SignInView {
  oidc: boolean;
  next: string;
  csrf: string;
  error: string | null;
  reason: string | null;
}

/** The only page someone without reading rights sees. */
export function signInView(v: SignInView): { title: string; body: Html } {
  const next = `<input type="hidden" name="next" value="${esc(v.next)}">`;

  const error = v.error ? `<p class="error" id="token-error">Fehler: <span lang="en">${esc(v.error)}</span></p>` : '';
  const way = v.oidc
    ? // A link, not a form: the page's form-action policy would stop a form's redirect to the provider.
      `<p><a class="button" href="/sign-in/oidc?next=${esc(encodeURIComponent(v.next))}">Mit dem Dienstkonto anmelden</a></p>`
    : `<form method="post" action="/sign-in" novalidate>
<input type="hidden" name="_csrf" value="${esc(v.csrf)}">${next}
<div class="field"><label for="token">Zugangsschlüssel (Token)</label>
<p class="hint" id="token-hint">Erzeugt mit <code>npm run -s cli -- token --role … --name …</code></p>
<textarea id="token" name="token" required aria-required="true" aria-describedby="token-hint${v.error ? ' token-error' : ''}"${v.error ? ' aria-invalid="true"' : ''}></textarea>${error}</div>
<button type="submit">Anmelden</button>
</form>`;
  return {
    title: 'Anmelden',
    body: `<h1>Anmelden</h1>
${v.reason ? `<p role="status">${esc(v.reason)}</p>` : ''}
${v.oidc && v.error ? `<p class="error" role="alert">Fehler: <span lang="en">${esc(v.error)}</span></p>` : ''}
<p>Das Register zeigt seine Seiten nur angemeldeten Personen mit Leserechten.</p>
${way}`,
  };
}
