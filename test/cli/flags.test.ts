// The flag table drives parsing, validation and usage text: each command's flags are parsed to
// typed values, and every problem is a usage error naming the flag, followed by the usage line.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CliError } from '../../src/cli/errors.ts';
import { BENCH, COMMANDS, DISCOVER, FIT, SIMULATE } from '../../src/cli/flag-table.ts';
import { parseCommandArgs, usageLine } from '../../src/cli/flags.ts';
import { USAGE } from '../../src/cli/main.ts';

function problem(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    expect((e as CliError).code).toBe('usage');
    return (e as CliError).message;
  }
  throw new Error('expected a usage error');
}

describe('parseCommandArgs', () => {
  test('typed values from --flag value and --flag=value; the last of a repeated flag wins', () => {
    const { positionals, flags } = parseCommandArgs(FIT, ['spec.json', '--particles', '64', 'data.csv', '--seed=7', '--backend', 'webgpu', '--screening', '--predict-times', '48,36,48', '--seed', '8']);
    expect(positionals).toEqual(['spec.json', 'data.csv']);
    expect(flags).toEqual({ particles: 64, seed: 8, backend: 'webgpu', screening: true, 'predict-times': [36, 48] });
  });

  test('numbers are checked against their range, integers for integer flags, with the flag named', () => {
    expect(problem(() => parseCommandArgs(FIT, ['s', 'd', '--particles', 'many']))).toMatch(/^--particles needs an integer from 16 to 65536 \(got many\)\nusage: mechanist fit /);
    expect(problem(() => parseCommandArgs(FIT, ['s', 'd', '--subjects', '8.5']))).toMatch(/^--subjects needs an integer from 8 to 65536/);
    expect(problem(() => parseCommandArgs(DISCOVER, ['d', '--budget-s', '0']))).toMatch(/^--budget-s needs a number > 0 and ≤ 86400 \(got 0\)/);
    expect(parseCommandArgs(DISCOVER, ['d', '--budget-s', '0.5']).flags['budget-s']).toBe(0.5);
    expect(problem(() => parseCommandArgs(SIMULATE, ['s', '--params', 'p', '--times', '1', '--rtol', '2']))).toMatch(/^--rtol needs a number from 1e-14 to 1/);
  });

  test('choices, unknown options, missing values and required flags', () => {
    expect(problem(() => parseCommandArgs(DISCOVER, ['d', '--proposer', 'gpt']))).toMatch(/^--proposer must be library or webllm \(got "gpt"\)/);
    expect(problem(() => parseCommandArgs(SIMULATE, ['s', '--params', 'p', '--times', '1', '--method', 'euler']))).toMatch(/^--method must be one of auto, rk4, dopri5, tsit5, rosenbrock/);
    expect(problem(() => parseCommandArgs(BENCH, ['--help']))).toMatch(/^unknown option --help\nusage: mechanist bench/);
    expect(problem(() => parseCommandArgs(BENCH, ['--n']))).toMatch(/^--n needs a value/);
    expect(problem(() => parseCommandArgs(FIT, ['s', 'd', '--out', '--seed', '1']))).toMatch(/^--out needs a value/);
    expect(problem(() => parseCommandArgs(BENCH, ['--json=yes']))).toMatch(/^--json takes no value/);
    expect(problem(() => parseCommandArgs(SIMULATE, ['s', '--times', '1']))).toMatch(/^--params <params.json> is required/);
  });

  test('a wrong number of arguments is answered with the usage line alone', () => {
    expect(problem(() => parseCommandArgs(DISCOVER, []))).toBe(usageLine(DISCOVER));
    expect(problem(() => parseCommandArgs(FIT, ['only-one']))).toBe(usageLine(FIT));
    expect(problem(() => parseCommandArgs(BENCH, ['extra']))).toBe(usageLine(BENCH));
  });

  test('times: numbers within the engine bound and not before 0; sorted as given, or a sorted set', () => {
    const times = (v: string) => parseCommandArgs(SIMULATE, ['s', '--params', 'p', '--times', v]).flags.times;
    expect(times('0, 1,2.5')).toEqual([0, 1, 2.5]);
    expect(problem(() => times('0,1e308'))).toMatch(/^--times: item 2 \(1e308\) is beyond 1e\+12/);
    expect(problem(() => times('0,x'))).toMatch(/^--times: item 2 \("x"\) is not a number/);
    expect(problem(() => times('3,1'))).toMatch(/^--times must be sorted: 1 comes after 3/);
    expect(problem(() => times('-1,1'))).toMatch(/^--times: item 1 \(-1\) is before t = 0/);
    expect(problem(() => parseCommandArgs(FIT, ['s', 'd', '--predict-times', '36,']))).toMatch(/^--predict-times: item 2 \(""\) is not a number/);
  });
});

describe('usage text', () => {
  test('each command line comes from its table: required flags bare, optional ones bracketed', () => {
    expect(usageLine(SIMULATE)).toBe('usage: mechanist simulate <spec.json> --params <params.json> --times 0,1,2 [--backend cpu|webgpu] [--subjects M] [--seed S] [--method auto|rk4|dopri5|tsit5|rosenbrock] [--rtol R] [--atol A] [--save observables|states]');
  });
  test('mechanist --help lists every command but the hidden ones', () => {
    for (const c of COMMANDS) {
      if (c.hidden) expect(USAGE).not.toContain(`mechanist ${c.name}`);
      else expect(USAGE).toContain(usageLine(c).replace(/^usage: /, ''));
    }
  });
  test('the README CLI table shows every listed command exactly as its usage line', () => {
    const readme = readFileSync('README.md', 'utf8').replace(/\\\|/g, '|');
    for (const c of COMMANDS.filter((x) => !x.hidden)) expect(readme).toContain(`| \`${usageLine(c).replace(/^usage: /, '')}\` |`);
  });
});
