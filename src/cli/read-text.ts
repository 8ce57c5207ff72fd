// Reading an input file as text without reading more than its limit: the size on disk is checked
// before the file is read (UTF-8 takes at most 3 bytes per UTF-16 unit, so a larger file cannot
// be within a limit counted in characters), so a 400 MB file is refused, not loaded.
import { readFileSync, statSync } from 'node:fs';

export class InputFileError extends Error {
  override name = 'InputFileError';
}

export function readTextFile(file: string, what: string, maxChars: number): string {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new InputFileError(`${what} ${file} is not a file`);
    size = st.size;
  } catch (err) {
    if (err instanceof InputFileError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputFileError(code === 'ENOENT' ? `${what} ${file} does not exist` : `cannot read ${what} ${file} (${code ?? 'error'})`);
  }
  const tooLarge = () => new InputFileError(`${what} ${file} is ${(size / 1e6).toFixed(1)} MB; the limit is ${(maxChars / 1e6).toLocaleString('en')} million characters`);
  if (size > 3 * maxChars) throw tooLarge();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputFileError(`cannot read ${what} ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (text.length > maxChars) throw tooLarge();
  return text.replace(/^\uFEFF/, '');
}
