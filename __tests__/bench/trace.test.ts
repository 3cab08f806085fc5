import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TraceError, loadTrace, parseTrace, traceDuration, validateTrace } from '@/bench/stream/trace';

const TRACES = path.resolve(__dirname, '../../../shared/traces');

function expectTraceError(fn: () => unknown, pattern: RegExp): string {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(TraceError);
  const msg = (err as Error).message;
  expect(msg).not.toContain('\n');
  expect(msg).toMatch(/^trace \S+: /);
  expect(msg).toMatch(pattern);
  return msg;
}

const good = { name: 't', dt: 0.5, positions: [[0, 1, 2], [3, 4, 5]], look: [[0, 0], [1, 0.5]] };

describe('trace validation', () => {
  it('accepts a well-formed trace and flattens it', () => {
    const t = validateTrace(good, 'mem');
    expect(t.count).toBe(2);
    expect(Array.from(t.positions)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(t.look!)).toEqual([0, 0, 1, 0.5]);
    expect(traceDuration(t)).toBe(0.5);
  });

  it('look is optional; name falls back to the file name', () => {
    const t = validateTrace({ dt: 1, positions: [[0, 0, 0], [1, 0, 0]] }, '/x/y/my-trace.json');
    expect(t.look).toBeNull();
    expect(t.name).toBe('my-trace');
  });

  it('rejects an unreadable file', () => {
    expectTraceError(() => loadTrace('/nonexistent/dir/trace.json'), /cannot read file/);
  });

  it('rejects bad JSON', () => {
    expectTraceError(() => parseTrace('{"dt": 1, "positions": [', 'bad.json'), /not valid JSON/);
  });

  it('rejects a non-object', () => {
    expectTraceError(() => parseTrace('[1,2,3]', 'arr.json'), /must be a JSON object/);
    expectTraceError(() => parseTrace('null', 'null.json'), /must be a JSON object/);
  });

  it('rejects missing or short positions', () => {
    expectTraceError(() => validateTrace({ dt: 1 }, 's'), /positions must be an array/);
    expectTraceError(() => validateTrace({ dt: 1, positions: [[0, 0, 0]] }, 's'), /at least 2 samples, got 1/);
    expectTraceError(() => validateTrace({ dt: 1, positions: [[0, 0, 0], [1, 2]] }, 's'), /positions\[1\] must be \[x, y, z\]/);
  });

  it('rejects non-finite numbers (1e999 parses to Infinity)', () => {
    expectTraceError(() => parseTrace('{"dt":1,"positions":[[0,0,0],[1e999,0,0]]}', 's'), /positions\[1\]\[0\] must be a finite number, got Infinity/);
    expectTraceError(() => validateTrace({ dt: 1, positions: [[0, 0, 0], [0, '1', 0]] }, 's'), /positions\[1\]\[1\] must be a finite number/);
    expectTraceError(() => validateTrace({ ...good, look: [[0, 0], [0, NaN]] }, 's'), /look\[1\]\[1\] must be a finite number, got NaN/);
  });

  it('rejects dt <= 0, missing or non-finite', () => {
    expectTraceError(() => validateTrace({ ...good, dt: 0 }, 's'), /dt must be a finite number > 0 seconds, got 0/);
    expectTraceError(() => validateTrace({ ...good, dt: -0.1 }, 's'), /dt must be .* got -0.1/);
    expectTraceError(() => validateTrace({ ...good, dt: undefined }, 's'), /dt must be .* got undefined/);
    expectTraceError(() => parseTrace('{"dt":1e999,"positions":[[0,0,0],[1,0,0]]}', 's'), /dt must be .* got Infinity/);
  });

  it('rejects a look of the wrong length', () => {
    expectTraceError(() => validateTrace({ ...good, look: [[0, 0]] }, 's'), /one \[yaw, pitch\] per position \(2\), got 1/);
    expectTraceError(() => validateTrace({ ...good, look: 'up' }, 's'), /look must be an array/);
  });

  it('loads every shared trace', () => {
    const files = readdirSync(TRACES).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const t = loadTrace(path.join(TRACES, f));
      expect(t.count).toBeGreaterThanOrEqual(2);
      expect(t.look).not.toBeNull();
      expect(t.name).toBe(f.replace(/\.json$/, ''));
    }
  });

  it('reads a file written to disk', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'trace-test-'));
    const file = path.join(dir, 't.json');
    writeFileSync(file, JSON.stringify(good));
    expect(loadTrace(file).positions[5]).toBe(5);
  });
});
