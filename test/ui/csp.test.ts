// One Content-Security-Policy everywhere the app is served from: the page's <meta> tag, the dev
// and preview servers' headers, and the header file for static hosts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import config from '../../vite.config.ts';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../src/ui/contain/csp.ts';

const ROOT = join(import.meta.dirname, '../..');

describe('Content-Security-Policy', () => {
  test('index.html carries exactly the policy', () => {
    const html = readFileSync(join(ROOT, 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
  });

  test('the dev and preview servers send it with every file', () => {
    expect(config.server?.headers).toEqual(SECURITY_HEADERS);
    expect(config.preview?.headers).toEqual(SECURITY_HEADERS);
  });

  test('public/_headers gives static hosts the same headers for every path', () => {
    const lines = readFileSync(join(ROOT, 'public/_headers'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines[0]).toBe('/*');
    const headers = Object.fromEntries(lines.slice(1).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
    expect(headers).toEqual(SECURITY_HEADERS);
  });

  test('no connection off the machine except the LLM model hosts', () => {
    const connect = CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith('connect-src'))!;
    expect(connect.split(' ').slice(1).every((s) => s === "'self'" || /huggingface\.co|hf\.co|raw\.githubusercontent\.com/.test(s))).toBe(true);
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'self'/);
  });
});
