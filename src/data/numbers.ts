// Strict parsing of one numeric cell. Number("") is 0 and parseFloat("3 mg") is 3 in JS;
// neither is acceptable for data, so cells are matched against explicit patterns first.

export type NumberCell = { kind: 'number'; value: number } | { kind: 'empty' } | { kind: 'invalid'; message: string };

// (unambiguous: `\d+\.?\d*` would try every split of a long run of digits, quadratic time)
const DECIMAL_POINT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** longer than any number a table holds: reported without running a pattern over it */
const MAX_NUMBER_LENGTH = 64;
const DECIMAL_COMMA = /^[+-]?(\d+,\d*|,\d+)([eE][+-]?\d+)?$/;
const NOT_FINITE = /^[+-]?(nan|inf|infinity|∞)$/i;
/** what R (NA), Excel (#N/A), SAS and NONMEM (.) write for a value nobody measured: an empty cell */
const MISSING_MARKER = /^(na|n\/a|#n\/a|\.)$/i;

/** a number with a footnote mark after it: symbols, a superscript or bracketed letter, or one letter a–f */
const FOOTNOTE_MARK = /^([+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+))\s*(?:[*†‡§¶#]+|[ᵃᵇᶜᵈᵉᶠ]|\^?[a-f]|\([a-f*]\)|\[[a-f*]\])$/;

/** what reports write in a spread cell they did not compute: not calculated, not determined, a dash */
export const NOT_CALCULATED = /^(nc|n\.c\.|not calculated|nd|n\.d\.|not determined|ne|n\.e\.|not estimable|-|–|—)$/i;

/** Shows a cell's text in a message: quoted, control characters escaped, long text cut. */
export function showCell(raw: string): string {
  const cut = raw.length > 40 ? raw.slice(0, 40) + '…' : raw;
  // JSON escapes control characters; also make invisible format characters visible
  return JSON.stringify(cut).replace(/[\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/**
 * @param decimalComma accept "1,5" as 1.5 (files separated by ';' or tabs). In a
 *   comma-separated file a comma inside a quoted number is ambiguous (decimal or thousands?)
 *   and is reported instead of guessed.
 */
export function parseNumberCell(raw: string, decimalComma: boolean): NumberCell {
  const s = raw.trim();
  if (s === '' || MISSING_MARKER.test(s)) return { kind: 'empty' };
  if (NOT_FINITE.test(s)) return { kind: 'invalid', message: `${showCell(s)} is not a finite number` };
  if (s.length > MAX_NUMBER_LENGTH) return { kind: 'invalid', message: `expected a number, found ${showCell(s)} (${s.length} characters)` };
  let text: string | null = null;
  if (DECIMAL_POINT.test(s)) text = s;
  else if (DECIMAL_COMMA.test(s)) {
    if (!decimalComma) {
      return {
        kind: 'invalid',
        message: `${showCell(s)} has a decimal comma in a comma-separated file (ambiguous): write ${showCell(s.replace(',', '.'))} or separate columns with ";"`,
      };
    }
    text = s.replace(',', '.');
  }
  if (text === null) {
    // a paper's footnote mark on a number ("22.0a", "1.1*", "5.2†"): named, not guessed away
    const marked = FOOTNOTE_MARK.exec(s);
    const hint = marked ? ` (a footnote mark? write ${showCell(marked[1]!)} and keep the note elsewhere)` : '';
    return { kind: 'invalid', message: `expected a number, found ${showCell(s)}${hint}` };
  }
  const value = Number(text);
  if (!Number.isFinite(value)) return { kind: 'invalid', message: `${showCell(s)} is out of the range of numbers` };
  return { kind: 'number', value };
}
