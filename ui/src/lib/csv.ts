/** CSV text per RFC 4180: fields quoted when needed, CRLF line ends. */

/** Quotes a field when it holds a comma, quote or line break; a leading =+-@ is defused for spreadsheets. */
export function csvField(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  // Spreadsheet apps run cells that start with these as formulas (CSV injection).
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line from a row of values. */
export const csvRow = (values: readonly unknown[]): string => `${values.map(csvField).join(',')}\r\n`;
