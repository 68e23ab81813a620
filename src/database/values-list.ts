/** `($1, $2), ($3, $4)` for 2 rows of 2: the VALUES of a multi-row INSERT, its parameters numbered row after row. */
export function valuesList(rows: number, width: number): string {
  return Array.from({ length: rows }, (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');
}
