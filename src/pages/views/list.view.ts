import { dateDe, stateDe, UNKNOWN, valueDe } from './words.js';
import { esc, link, query, table, type Html } from './html.js';
import type { ListItemData, PartyRef } from './page-data.js';

/** An agreement is flagged this many days before its validity ends. */
export const WARN_DAYS = 180;

/** The warning the list shows for an agreement, or null: expiring soon, or expired with no follow-up in force. */
export function expiryWarning(status: ListItemData['status']): string | null {
  if (status.state === 'IN_FORCE' && status.daysUntilExpiry !== null && status.daysUntilExpiry <= WARN_DAYS) {
    return `Läuft in ${status.daysUntilExpiry} Tagen ab (am ${dateDe(status.validUntil)}).`;
  }
  if (status.state === 'EXPIRED' && status.successorState !== 'IN_FORCE') {
    return status.successorId
      ? `Abgelaufen; die Folgezielvereinbarung ist noch nicht in Kraft (${stateDe(status.successorState)}).`
      : 'Abgelaufen; keine Folgezielvereinbarung in Kraft.';
  }
  return null;
}

/** "2 von 26", counting one party's signatures and gaps when a party is chosen. */
export function signatureProgress(status: ListItemData['status'], party: string | null): string {
  const mine = <T extends { party: string }>(xs: T[]) => (party ? xs.filter((x) => x.party === party) : xs);
  const signed = mine(status.signatures).length;
  const total = signed + mine(status.missing).length;
  return total === 0 ? `${signed} (erforderliche Unterschriften ${UNKNOWN})` : `${signed} von ${total}`;
}

export interface ListView {
  today: string;
  items: ListItemData[];
  /** Berlin's parties, named as today. */
  parties: PartyRef[];
  party: string | null;
}

/** The start page: every agreement with its state today; filtered to those a party takes part in. */
export function listView(v: ListView): { title: string; body: Html } {
  const nameOf = (id: string | null) => (id === null ? null : (v.parties.find((p) => p.id === id)?.name ?? id));
  const items = v.party ? v.items.filter((a) => a.status.parties.some((p) => p.party === v.party)) : v.items;
  const options = v.parties.map((p) => `<option value="${esc(p.id)}"${p.id === v.party ? ' selected' : ''}>${esc(p.name)}</option>`).join('');
  const filter = `<form method="get" action="/" class="inline no-print">
<div class="field"><label for="party">Beteiligte Partei</label>
<select id="party" name="party"><option value="">alle</option>${options}</select></div>
<div class="field"><button type="submit">Filtern</button></div>
</form>`;
  const rows = items.map((a) => {
    const warning = expiryWarning(a.status);
    return [
      link(`/agreements/${encodeURIComponent(a.id)}${query({ party: v.party })}`, a.title ?? `${a.id} (Titel ${UNKNOWN})`),
      esc(stateDe(a.status.state)),
      esc(dateDe(a.status.validUntil)),
      esc(signatureProgress(a.status, v.party)),
      valueDe(nameOf(a.leadDepartment)),
      warning ? `<span class="warning"><strong>⚠ Warnung:</strong> ${esc(warning)}</span>` : 'keine',
    ];
  });
  const chosen = v.party ? ` – beteiligt: ${nameOf(v.party)}` : '';
  const caption = `Zielvereinbarungen, Stand ${dateDe(v.today)}${chosen}`;
  const list =
    items.length === 0
      ? `<p>Keine Zielvereinbarung${v.party ? ` mit ${esc(nameOf(v.party) ?? v.party)}` : ''}.</p>`
      : table(
          caption,
          [
            'Zielvereinbarung',
            'Stand heute',
            'Gültig bis',
            v.party ? 'Unterschriften der Partei' : 'Unterschriften',
            'Federführung (heute)',
            'Hinweis',
          ],
          rows,
        );
  return {
    title: 'Zielvereinbarungen',
    body: `<h1>Gesamtstädtische Zielvereinbarungen</h1>
<p>Stand: ${esc(dateDe(v.today))}. Namen der Senatsverwaltungen wie heute gültig.</p>
${filter}
<p role="status">${items.length} Zielvereinbarung(en)${esc(chosen)}.</p>
${list}`,
  };
}
