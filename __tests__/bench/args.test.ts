import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARG_ERROR_EXIT_CODE, ArgError, loadDistanceOverrides, parseSoakArgs, parseStreamArgs } from '@/bench/stream/args';
import { parseRunAllArgs } from '@/bench/runAll';

function argError(fn: () => unknown, pattern: RegExp): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ArgError);
  const msg = (err as Error).message;
  expect(msg).not.toContain('\n');
  expect(msg).toMatch(pattern);
}

describe('parseStreamArgs', () => {
  it('defaults: 1 thread, adaptive, predictive, no json', () => {
    expect(parseStreamArgs(['--trace', 'a.json'])).toEqual({
      trace: 'a.json',
      json: null,
      threads: 1,
      strategy: 'adaptive',
      predict: true,
      loadDistance: null,
      help: false,
    });
  });

  it('reads every option, both --flag value and --flag=value', () => {
    expect(
      parseStreamArgs(['--trace=t.json', '--json', 'o.json', '--threads=3', '--strategy', 'proximity', '--no-predict', '--load-distance', '128']),
    ).toEqual({
      trace: 't.json',
      json: 'o.json',
      threads: 3,
      strategy: 'proximity',
      predict: false,
      loadDistance: 128,
      help: false,
    });
    expect(parseStreamArgs(['--trace', 't', '--strategy', 'direction']).strategy).toBe('direction');
  });

  it('checks --load-distance against the config range, in blocks', () => {
    argError(() => parseStreamArgs(['--trace', 't', '--load-distance', '31']), /load-distance/);
    argError(() => parseStreamArgs(['--trace', 't', '--load-distance', 'far']), /load-distance/);
    expect(parseStreamArgs(['--trace', 't', '--load-distance', '32']).loadDistance).toBe(32);
    expect(loadDistanceOverrides(128)).toEqual({ loadDistance: 128, unloadDistance: 176, responsiveDistance: 128 });
    expect(loadDistanceOverrides(null)).toBeNull();
  });

  it('requires --trace (except with --help)', () => {
    argError(() => parseStreamArgs([]), /^bench:stream: --trace FILE is required$/);
    argError(() => parseStreamArgs(['--json', 'x']), /--trace FILE is required/);
    expect(parseStreamArgs(['--help']).help).toBe(true);
  });

  it('rejects bad thread counts with the allowed range', () => {
    for (const bad of ['0', '65', '1.5', 'abc', '-1', ' ']) {
      argError(() => parseStreamArgs(['--trace', 't', '--threads', bad]), /^bench:stream: --threads must be an integer in \[1, 64\], got /);
    }
    expect(parseStreamArgs(['--trace', 't', '--threads', '64']).threads).toBe(64);
  });

  it('rejects an unknown strategy', () => {
    argError(() => parseStreamArgs(['--trace', 't', '--strategy', 'nearest']), /--strategy must be one of proximity \| direction \| adaptive, got "nearest"/);
  });

  it('rejects unknown, repeated, value-less and positional arguments', () => {
    argError(() => parseStreamArgs(['--trace', 't', '--fast']), /unknown option --fast \(allowed: /);
    argError(() => parseStreamArgs(['--trace', 't', '--trace', 'u']), /--trace given more than once/);
    argError(() => parseStreamArgs(['--trace']), /--trace needs a value/);
    argError(() => parseStreamArgs(['--trace', '--json', 'x']), /--trace needs a value/);
    argError(() => parseStreamArgs(['--trace=', 'x']), /--trace needs a non-empty value/);
    argError(() => parseStreamArgs(['t.json']), /unexpected argument "t.json"/);
    argError(() => parseStreamArgs(['--trace', 't', '--no-predict=yes']), /--no-predict takes no value/);
  });
});

describe('parseSoakArgs', () => {
  it('defaults: 10 minutes, every 30 s, 60 blocks/s', () => {
    const a = parseSoakArgs([]);
    expect(a).toMatchObject({ minutes: 10, interval: 30, speed: 60, seed: 1, threads: 1, strategy: 'adaptive', predict: true, json: null });
  });

  it('rejects bad values with ranges', () => {
    argError(() => parseSoakArgs(['--minutes', '0']), /--minutes must be a number in \(0, 1440\], got "0"/);
    argError(() => parseSoakArgs(['--speed', 'fast']), /--speed must be a number in \(0, 1000\]/);
    argError(() => parseSoakArgs(['--seed', '-3']), /--seed must be an integer in \[0, 4294967295\]/);
    argError(() => parseSoakArgs(['--minutes', '1', '--interval', '90']), /--interval \(90 s\) must not exceed the run length \(60 s\)/);
  });
});

describe('parseRunAllArgs', () => {
  it('defaults to ../shared/traces and bench/results', () => {
    const a = parseRunAllArgs([]);
    expect(a.traces.endsWith(path.join('shared', 'traces'))).toBe(true);
    expect(a.out.endsWith(path.join('bench', 'results'))).toBe(true);
  });
  it('rejects unknown options', () => {
    argError(() => parseRunAllArgs(['--threads', '2']), /^bench: unknown option "--threads"/);
    argError(() => parseRunAllArgs(['--out']), /--out needs a directory/);
  });
});

describe('bench:stream CLI (one subprocess smoke test)', () => {
  it('a bad argument prints one line and exits with code 2; an unreadable trace too', () => {
    const root = path.resolve(__dirname, '../..');
    const tsx = path.join(root, 'node_modules/.bin/tsx');
    const bad = spawnSync(tsx, ['bench/streamBench.ts', '--trace', 'x.json', '--strategy', 'nope'], { cwd: root, encoding: 'utf8' });
    expect(bad.status).toBe(ARG_ERROR_EXIT_CODE);
    expect(bad.stderr.trim().split('\n')).toEqual(['bench:stream: --strategy must be one of proximity | direction | adaptive, got "nope"']);
    const missing = spawnSync(tsx, ['bench/streamBench.ts', '--trace', '/nonexistent/t.json'], { cwd: root, encoding: 'utf8' });
    expect(missing.status).toBe(ARG_ERROR_EXIT_CODE);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/^trace \/nonexistent\/t.json: cannot read file/);
  });
});
