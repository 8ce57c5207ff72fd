// Reading user files (chooser or drag-and-drop) as text, with size limits so a wrong file
// cannot freeze the page.
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export async function readFile(file: File): Promise<{ name: string; text: string }> {
  if (file.size > MAX_FILE_BYTES) throw new Error(`${file.name} is ${(file.size / 1e6).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1e6} MB.`);
  return { name: file.name, text: await file.text() };
}

export async function readDroppedFile(e: DragEvent): Promise<{ name: string; text: string } | null> {
  const file = e.dataTransfer?.files?.[0];
  return file ? readFile(file) : null;
}

export function download(name: string, content: string | Blob, type = 'text/plain'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
