/** A council paper's reference: its number in the legislative term and the term as a roman numeral, e.g. 1265/XXI. */
export interface PaperReference {
  number: number;
  /** The roman numeral as written. */
  termNumeral: string;
  /** The legislative term (Wahlperiode) as a number: XXI → 21. */
  term: number;
}

const SHAPE = /^([1-9][0-9]{0,6})\/([IVXLC]+)$/;
const CANONICAL_ROMAN = /^C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;
const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };

/** The parts of a reference, or null when it is not `<number>/<roman numeral>` (a numeral in its usual form). */
export function parseReference(reference: string): PaperReference | null {
  const match = SHAPE.exec(reference);
  if (!match || !CANONICAL_ROMAN.test(match[2])) return null;
  return { number: Number(match[1]), termNumeral: match[2], term: romanValue(match[2]) };
}

function romanValue(numeral: string): number {
  let total = 0;
  for (let i = 0; i < numeral.length; i++) {
    const value = ROMAN[numeral[i]];
    const next = ROMAN[numeral[i + 1]] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}
