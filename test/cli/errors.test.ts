// One error envelope for every command: {"error": {code, message, path, line, column, …}} on
// stdout, "mechanist <command>: …" on stderr, exit 2 for what the user can fix.
import { describe, expect, test } from 'vitest';
import { cliInProcess as cli } from './in-process.ts';

describe('the CLI error envelope', () => {
  test.each([
    [['bench', '--n', '0'], 'usage'],
    [['fit', 'pk-1cmt-oral'], 'usage'],
    [['discover', 'x.csv', '--proposer', 'gpt'], 'usage'],
    [['export', 'report.json'], 'usage'],
    [['import', 'does-not-exist.xml'], 'file'],
    [['simulate', 'does-not-exist.json', '--params', 'p.json', '--times', '0,1'], 'file'],
    [['calibrate', '--help'], 'usage'],
    [['fit', 'no-such-model', 'data.csv'], 'file'],
  ])('%j → exit 2 with code %s', async (args, code) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    const { error } = JSON.parse(r.out.trim()) as { error: Record<string, unknown> };
    expect(error).toMatchObject({ code, path: '', line: null, column: null });
    expect(typeof error.message).toBe('string');
    expect(r.err.startsWith(`mechanist ${args[0]}: ${String(error.message).split('\n')[0]}`)).toBe(true);
    if (code === 'usage') expect(error.message).toMatch(new RegExp(`usage: mechanist ${args[0]} `));
  });
});
