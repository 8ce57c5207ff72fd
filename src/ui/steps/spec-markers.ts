// Where an issue sits in the editor text: from its 1-based line/column (or the start when
// unknown), split the text into plain and marked segments for the backdrop.
import type { SpecIssue } from '../../model/errors.ts';

export function offsetOf(text: string, issue: SpecIssue): number {
  if (issue.line === undefined) return 0;
  let line = 1;
  let i = 0;
  while (line < issue.line && i < text.length) {
    if (text[i] === '\n') line++;
    i++;
  }
  return Math.min(text.length, i + Math.max(0, (issue.column ?? 1) - 1));
}

export interface Segment { text: string; mark: boolean; line?: number; column?: number }

export function markSegments(text: string, issues: SpecIssue[]): Segment[] {
  const marks = issues
    .filter((i) => i.line !== undefined)
    .map((i) => ({ at: offsetOf(text, i), line: i.line, column: i.column }))
    .sort((a, b) => a.at - b.at);
  const out: Segment[] = [];
  let pos = 0;
  for (const m of marks) {
    if (m.at < pos) continue;
    out.push({ text: text.slice(pos, m.at), mark: false });
    // mark the token at the place (up to the next delimiter), at least one character
    const rest = text.slice(m.at);
    const len = Math.max(1, (/^[\w.]+/.exec(rest)?.[0].length ?? 1));
    out.push({ text: text.slice(m.at, m.at + len), mark: true, line: m.line, column: m.column });
    pos = m.at + len;
  }
  out.push({ text: text.slice(pos) + '\n', mark: false });
  return out;
}
