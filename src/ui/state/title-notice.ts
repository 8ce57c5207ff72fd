// A notice in the page title when a long run ends while the tab is in the background
// ("✓ Discovery finished — Mechanist"), taken back as soon as the tab is shown again.

/** runs shorter than this end without a title notice */
export const LONG_RUN_SECONDS = 10;

export interface TitleDoc { title: string; hidden: boolean; addEventListener(type: 'visibilitychange', fn: () => void): void; removeEventListener(type: 'visibilitychange', fn: () => void): void }

/** sets the notice if the document is hidden and the run was long; returns whether it did */
export function noticeRunEnd(doc: TitleDoc, outcome: 'finished' | 'failed' | 'cancelled', seconds: number): boolean {
  if (!doc.hidden || seconds < LONG_RUN_SECONDS) return false;
  const base = doc.title.replace(/^(✓|✗|■) [^—]*— /, '');
  doc.title = `${outcome === 'finished' ? '✓ Discovery finished' : outcome === 'failed' ? '✗ Discovery failed' : '■ Discovery cancelled'} — ${base}`;
  const restore = () => {
    if (doc.hidden) return;
    doc.title = base;
    doc.removeEventListener('visibilitychange', restore);
  };
  doc.addEventListener('visibilitychange', restore);
  return true;
}
