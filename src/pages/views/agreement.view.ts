import { berlinDate } from '../../common/berlin-date.js';
import { AMENDMENT_TYPE_DE, dateDe, EVENT_DE, LEVEL_DE, MISSING_REASON_DE, stateDe, UNKNOWN, unknown, valueDe, wordDe } from './words.js';
import { esc, facts, link, query, table, type Html } from './html.js';
import type { AgreementData, PartyRef, PartyStatusData, SignatureData } from './page-data.js';

export interface AgreementView {
  agreement: AgreementData;
  /** Berlin's parties named as on the status date. */
  parties: PartyRef[];
  asOf: string;
  /** Why the date asked for was not taken, shown beside the date field. */
  asOfError?: string | null;
  party: string | null;
  /** What the signed-in user may do here, by the one policy. */
  may: { sign: boolean; recordPapers: boolean };
  /** A confirmation after a form was sent. */
  notice: string | null;
}

const nameIn = (parties: PartyRef[], id: string | null) => (id === null ? null : (parties.find((p) => p.id === id)?.name ?? id));

/** The date a stored version was made, in Berlin. */
export const storedOn = (at: string) => dateDe(berlinDate(new Date(at)));

function signedCell(s: SignatureData): Html {
  const carried = s.carriedOverFrom !== null ? ` (von Fassung ${s.carriedOverFrom} übertragen)` : '';
  const office = s.office ? `, ${esc(s.office)}` : '';
  const scan = s.evidence ? `; Scan ${esc(s.evidence.fileName)}, SHA-256 <code>${esc(s.evidence.sha256)}</code>` : '';
  return `<strong>✓ unterschrieben</strong> am ${esc(dateDe(s.signedOn))} von ${esc(s.personName)}${office} auf Fassung ${s.version}${esc(carried)}; Form: ${esc(wordDe(LEVEL_DE, s.level))}${scan}`;
}

/**
 * Parties × roles. A cell says signed (on, by whom, which version), withdrawn, or missing in words: the matrix must
 * read the same printed in black and white.
 */
export function signatureMatrix(
  parties: PartyStatusData[],
  all: SignatureData[],
  asOf: string,
  titles: readonly { role: string; roleTitle: string }[] = [],
): Html {
  const roles = new Map<string, string>();
  const titleOf = (role: string) => titles.find((t) => t.role === role)?.roleTitle ?? role;
  for (const p of parties) {
    for (const m of p.missing) roles.set(m.role, m.roleTitle);
    for (const s of p.signatures) if (!roles.has(s.role)) roles.set(s.role, titleOf(s.role));
  }
  const withdrawn = all.filter((s) => s.withdrawal && s.withdrawal.withdrawnOn <= asOf && s.signedOn <= asOf);
  const rows = parties.map((p) => {
    const name = esc(p.partyName) + (p.partyNameCertain ? '' : ' (Name an diesem Tag nicht sicher)');
    const cells = [...roles.keys()].map((role) => {
      if (!p.rolesKnown) return `Unterzeichnende ${UNKNOWN}`;
      const signed = p.signatures.find((s) => s.role === role);
      if (signed) return signedCell(signed);
      const gone = withdrawn.filter((s) => s.party === p.party && s.role === role);
      const goneText = gone.map(
        (s) =>
          `zurückgezogen am ${esc(dateDe(s.withdrawal!.withdrawnOn))} (Unterschrift vom ${esc(dateDe(s.signedOn))}, ${esc(s.personName)}): ${esc(s.withdrawal!.reason)}`,
      );
      if (p.missing.some((m) => m.role === role)) {
        const note = p.signingRecorded ? '' : ' (keine Unterzeichnung verzeichnet)';
        return [`<strong>✗ fehlt</strong>${esc(note)}`, ...goneText].join('<br>');
      }
      return goneText.length > 0 ? goneText.join('<br>') : 'entfällt';
    });
    const bound = p.complete ? `vollständig, gebunden seit ${esc(dateDe(p.boundSince))}` : 'unvollständig';
    return [name, `Fassung ${p.version}`, ...cells, bound];
  });
  const head = ['Partei', 'Fassung', ...[...roles.values()], 'Stand der Partei'];
  return table(`Unterschriften je Partei und Rolle, Stand ${dateDe(asOf)}`, head, rows);
}

function statusForm(v: AgreementView): Html {
  const options = v.parties.map((p) => `<option value="${esc(p.id)}"${p.id === v.party ? ' selected' : ''}>${esc(p.name)}</option>`).join('');
  return `<form method="get" action="/agreements/${esc(encodeURIComponent(v.agreement.id))}" class="inline no-print">
<div class="field"><label for="asOf">Stand am</label><input type="date" id="asOf" name="asOf" value="${esc(v.asOf)}" required${
    v.asOfError ? ' aria-invalid="true" aria-describedby="asOf-error"' : ''
  }>${v.asOfError ? `<p class="error" id="asOf-error" role="alert">Fehler: ${esc(v.asOfError)}</p>` : ''}</div>
<div class="field"><label for="party">Partei</label><select id="party" name="party"><option value="">alle</option>${options}</select></div>
<div class="field"><button type="submit">Stand anzeigen</button></div>
</form>`;
}

function versionsSection(v: AgreementView): Html {
  const a = v.agreement;
  const base = `/agreements/${encodeURIComponent(a.id)}`;
  const rows = a.versions.items.map((x) => [
    `Fassung ${x.number}`,
    esc(storedOn(x.createdAt)),
    esc(x.author),
    valueDe(x.changeNote),
    x.frozenOn ? esc(dateDe(x.frozenOn)) : 'nicht eingefroren',
    link(`${base}/versions/${x.number}`, `YAML der Fassung ${x.number}`),
  ]);
  const numbers = a.versions.items.map((x) => x.number).sort((p, q) => p - q);
  const select = (id: string, label: string, chosen: number | undefined) =>
    `<div class="field"><label for="${id}">${label}</label><select id="${id}" name="${id}">${numbers
      .map((n) => `<option value="${n}"${n === chosen ? ' selected' : ''}>Fassung ${n}</option>`)
      .join('')}</select></div>`;
  const diff =
    numbers.length < 2
      ? '<p>Nur eine Fassung: nichts zu vergleichen.</p>'
      : `<form method="get" action="${esc(base)}/diff" class="inline no-print">
${select('from', 'Ältere Fassung', numbers[numbers.length - 2])}
${select('to', 'Neuere Fassung', numbers[numbers.length - 1])}
<div class="field"><button type="submit">Fassungen vergleichen</button></div>
</form>`;
  return `<h2 id="fassungen">Fassungen</h2>
${table('Gespeicherte Fassungen', ['Fassung', 'Gespeichert am', 'Von', 'Änderungsvermerk', 'Eingefroren', 'Text'], rows)}
<h3>Zwei Fassungen vergleichen</h3>
${diff}`;
}

/** Everything about one agreement as of a date (and for one party): status, validity, matrix, timeline, versions. */
export function agreementView(v: AgreementView): { title: string; body: Html } {
  const a = v.agreement;
  const s = a.status;
  const base = `/agreements/${encodeURIComponent(a.id)}`;
  const title = a.title ?? a.id;
  const successor = s.successorId
    ? `${link(`/agreements/${encodeURIComponent(s.successorId)}`, s.successorId)} (${esc(stateDe(s.successorState))})`
    : 'keine';
  const predecessor = s.predecessorId ? link(`/agreements/${encodeURIComponent(s.predecessorId)}`, s.predecessorId) : 'keiner';
  const statusFacts = facts([
    ['Zustand', esc(stateDe(s.state))],
    ['Fassung in Kraft', s.versionInForce === null ? 'keine' : `Fassung ${s.versionInForce}`],
    ['Neueste Fassung an diesem Tag', s.latestVersion === null ? 'keine' : `Fassung ${s.latestVersion}`],
    ['In Kraft seit', esc(dateDe(s.inForceSince))],
    ['Gültig ab', esc(dateDe(s.validFrom))],
    ['Gültig bis', `<strong id="gueltig-bis">${esc(dateDe(s.validUntil))}</strong>`],
    ['Tage bis zum Ablauf', s.daysUntilExpiry === null ? 'entfällt (nicht in Kraft)' : String(s.daysUntilExpiry)],
    ['Vorgänger', predecessor],
    ['Folgezielvereinbarung', successor],
  ]);
  const amendments =
    s.amendmentsApplied.length === 0
      ? '<p>Bis zu diesem Tag keine Verlängerung und keine Änderung.</p>'
      : table(
          'Verlängerungen und Änderungen bis zu diesem Tag',
          ['Art', 'Quelle', 'Beschlossen am', 'Wirksam ab', 'Fassungen'],
          s.amendmentsApplied.map((m) => [
            esc(wordDe(AMENDMENT_TYPE_DE, m.type)),
            esc(m.source),
            esc(dateDe(m.decidedOn)),
            esc(dateDe(m.effectiveOn)),
            `Fassung ${m.baseVersion} → ${m.newVersion}`,
          ]),
        );
  const events = a.events.items.map((e) => [
    esc(dateDe(e.date)),
    esc(wordDe(EVENT_DE, e.kind)),
    esc(e.detail),
    // An event of the agreement as a whole (a new version, a freeze) concerns no one party.
    e.party === null ? 'entfällt' : esc(nameIn(v.parties, e.party) ?? e.party),
    e.version === null ? unknown : `Fassung ${e.version}`,
  ]);
  const missingFacts =
    s.missingFacts.length === 0
      ? ''
      : `<h2>Fehlende Angaben</h2><ul>${s.missingFacts
          .map((f) => `<li>${esc(f.label)}: ${esc(wordDe(MISSING_REASON_DE, f.reason))}${f.note ? ` – ${esc(f.note)}` : ''}</li>`)
          .join('')}</ul>`;
  const bodies = v.parties
    .filter((p) => p.kind === 'DISTRICT')
    .map((p) => `<option value="bvv-${esc(p.id)}"${p.id === v.party ? ' selected' : ''}>BVV ${esc(p.name.replace(/^Bezirksamt /, ''))}</option>`)
    .join('');
  const actions = [
    v.may.sign ? `<li>${link(`${base}/signatures/new`, 'Unterschrift erfassen')}</li>` : '',
    v.may.recordPapers ? `<li>${link(`${base}/papers/new`, 'Drucksache oder Beratung erfassen')}</li>` : '',
  ].join('');
  const chosenParty = v.party ? `, Partei: ${nameIn(v.parties, v.party)}` : '';
  return {
    title,
    body: `<h1>${esc(title)}</h1>
${v.notice ? `<p class="notice" role="status">${esc(v.notice)}</p>` : ''}
${facts([
  ['Kennung', esc(a.id)],
  ['Politikfeld', valueDe(a.policyArea)],
  ['Federführung', valueDe(nameIn(v.parties, a.leadDepartment))],
])}
${actions ? `<ul class="actions no-print">${actions}</ul>` : ''}
${statusForm(v)}
<h2 id="stand">Stand am ${esc(dateDe(s.asOf))}${esc(chosenParty)}</h2>
${statusFacts}
<h2 id="geltung">Geltungsdauer und Verlängerungen</h2>
${amendments}
<h2 id="unterschriften">Unterschriften</h2>
${s.parties.length === 0 ? '<p>Keine Partei an diesem Tag.</p>' : signatureMatrix(s.parties, a.signatures.items, s.asOf, a.roleTitles.missing)}
<h2 id="zeitleiste">Zeitleiste</h2>
${table('Ereignisse und Drucksachen', ['Datum', 'Ereignis', 'Beschreibung', 'Partei', 'Fassung'], events)}
${a.events.totalCount > a.events.items.length ? `<p>Die ersten ${a.events.items.length} von ${a.events.totalCount} Ereignissen.</p>` : ''}
${versionsSection(v)}
${missingFacts}
<h2 id="berichte">Bericht und Drucksachenentwurf</h2>
<ul class="actions">
<li>${link(`${base}/report${query({ asOf: v.asOf })}`, `Bericht zum Stand ${dateDe(v.asOf)}`)}</li>
</ul>
<form method="get" action="${esc(base)}/council-paper" class="inline no-print">
<input type="hidden" name="asOf" value="${esc(v.asOf)}">
<div class="field"><label for="body">Entwurf einer Vorlage zur Kenntnisnahme für</label><select id="body" name="body">${bodies}</select></div>
<div class="field"><button type="submit">Entwurf anzeigen</button></div>
</form>`,
  };
}
