/**
 * The twelve districts of Berlin, by the party ids the agreements use for them. A district
 * signatory's token names one of these; anything else (a Senate department, say) is no district.
 */
export const BERLIN_DISTRICTS = [
  'mitte',
  'friedrichshain-kreuzberg',
  'pankow',
  'charlottenburg-wilmersdorf',
  'spandau',
  'steglitz-zehlendorf',
  'tempelhof-schoeneberg',
  'neukoelln',
  'treptow-koepenick',
  'marzahn-hellersdorf',
  'lichtenberg',
  'reinickendorf',
] as const;

export function isBerlinDistrict(id: string | null): boolean {
  return id !== null && (BERLIN_DISTRICTS as readonly string[]).includes(id);
}
