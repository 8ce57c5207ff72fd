// Patient data stays on the machine from every worker, not only the page. The app is served here
// without any security header (like a static host that sends none), so only the policy the
// workers inherit from the page can stop them: each worker the app starts is asked to fetch
// another host, and the test fails if that request reaches the network stack.
import { describe, expect, test } from 'vitest';
import { foreignRequests, useApp } from './harness.ts';
import { openApp, step } from './steps.ts';

const app = useApp({ webgpu: false });

describe('containment in workers', () => {
  test('no worker can send a request to another host', async () => {
    const { page } = app.browser;
    await openApp(page, app.server.url);
    // start the engine worker and the CPU pool's workers: a live simulation in Explore
    await page.getByLabel('Backend').selectOption('cpu');
    await page.getByText('Backend: CPU').waitFor({ timeout: 60_000 });
    await step(page, 'Explore');
    await page.locator('main svg[role="img"] path.band').first().waitFor({ timeout: 60_000 });
    const workers = page.workers();
    // the engine worker and at least one CPU worker
    expect(workers.length).toBeGreaterThanOrEqual(2);
    const outcomes: string[] = [];
    for (const [i, w] of workers.entries()) {
      outcomes.push(
        await w.evaluate(async (url) => {
          try {
            await fetch(url, { mode: 'no-cors' });
            return 'fetched';
          } catch (e) {
            return `refused: ${(e as Error).message}`;
          }
        }, `https://example.com/leak-${i}`),
      );
    }
    expect(outcomes.every((o) => o.startsWith('refused'))).toBe(true);
    // a request the browser's own policy stops never becomes a network request
    expect(foreignRequests(app.browser.requests, app.server.origin)).toEqual([]);
  }, 180_000);
});
