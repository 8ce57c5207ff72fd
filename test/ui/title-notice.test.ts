// The page-title notice at the end of a long run in a background tab.
import { describe, expect, it } from 'vitest';
import { LONG_RUN_SECONDS, noticeRunEnd, type TitleDoc } from '../../src/ui/state/title-notice.ts';

function fakeDoc(hidden: boolean) {
  const listeners = new Set<() => void>();
  const doc: TitleDoc & { show(): void } = {
    title: 'Mechanist',
    hidden,
    addEventListener: (_t, fn) => listeners.add(fn),
    removeEventListener: (_t, fn) => listeners.delete(fn),
    show() { this.hidden = false; for (const fn of [...listeners]) fn(); },
  };
  return { doc, listeners };
}

describe('title notice', () => {
  it('marks the title when a long run ends in a hidden tab and restores it when the tab is shown', () => {
    const { doc, listeners } = fakeDoc(true);
    expect(noticeRunEnd(doc, 'finished', LONG_RUN_SECONDS + 1)).toBe(true);
    expect(doc.title).toBe('✓ Discovery finished — Mechanist');
    // a second run ending while still hidden replaces the notice, never stacks it
    expect(noticeRunEnd(doc, 'failed', 60)).toBe(true);
    expect(doc.title).toBe('✗ Discovery failed — Mechanist');
    doc.show();
    expect(doc.title).toBe('Mechanist');
    expect(listeners.size).toBe(0);
  });

  it('leaves the title alone for a visible tab or a short run', () => {
    const visible = fakeDoc(false).doc;
    expect(noticeRunEnd(visible, 'finished', 600)).toBe(false);
    expect(visible.title).toBe('Mechanist');
    const short = fakeDoc(true).doc;
    expect(noticeRunEnd(short, 'cancelled', LONG_RUN_SECONDS - 1)).toBe(false);
    expect(short.title).toBe('Mechanist');
    const cancelled = fakeDoc(true).doc;
    noticeRunEnd(cancelled, 'cancelled', 30);
    expect(cancelled.title).toBe('■ Discovery cancelled — Mechanist');
  });
});
