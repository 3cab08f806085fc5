import { describe, expect, it } from 'vitest';
import { SPEC_FIELDS, formatStreamReport, missingSpecFields, reportToJson } from '@/bench/stream/report';
import { evaluateIssueTargets, type TracePair } from '@/bench/stream/issueTargets';
import { formatComparison, formatIssueTargets, formatLatestMarkdown, formatRatio, markdownTable, type LatestSummary } from '@/bench/stream/markdown';
import { fixedReport } from './fixtures';

const MB = 1024 * 1024;

describe('report JSON', () => {
  it('has every spec field, in the spec order, first', () => {
    const json = JSON.parse(reportToJson(fixedReport())) as Record<string, unknown>;
    expect(Object.keys(json).slice(0, SPEC_FIELDS.length)).toEqual([...SPEC_FIELDS]);
    expect(missingSpecFields(json)).toEqual([]);
    expect(json.mainThreadMs).toMatchObject({ p50: 0.4, p99: 1.5, max: 6.25 });
  });
  it('names missing fields, and writes non-finite numbers as null', () => {
    const r = fixedReport() as unknown as Record<string, unknown>;
    delete r.holeFrames;
    r.chunkLoadMs = { p50: 1 };
    expect(missingSpecFields(r)).toEqual(['holeFrames', 'chunkLoadMs.p99']);
    expect(JSON.parse(reportToJson(fixedReport({ wastedWork: NaN }))).wastedWork).toBeNull();
  });
});

describe('printed table', () => {
  it('shows the fixed report', () => {
    const t = formatStreamReport(fixedReport());
    const line = (label: string) => t.split('\n').find((l) => l.startsWith(label))?.replace(/\s+/g, ' ');
    expect(line('initialLoadMs')).toBe('initialLoadMs 1,235 ms');
    expect(line('mainThreadMs p50 / p99 / max')).toBe('mainThreadMs p50 / p99 / max 0.40 ms / 1.50 ms / 6.25 ms');
    expect(line('holeChunkFrames')).toBe('holeChunkFrames 0 (0.000% of required)');
    expect(line('cacheHitRatio / revisitHitRatio')).toBe('cacheHitRatio / revisitHitRatio 0.000 / - (2,000 / 0 lookups)');
    expect(line('peakMemoryBytes')).toBe('peakMemoryBytes 100.0 MB');
    expect(line('frames dropped / late')).toBe('frames dropped / late (> 2 ms) 1 / 3 of 2,400');
  });
  it('says when the initial load timed out', () => {
    const t = formatStreamReport(fixedReport({ initialLoadTimedOut: true, initialLoadMs: null }));
    expect(t).toMatch(/initialLoadMs\s+timed out after 30,000 ms/);
  });
});

function pair(trace: string, pred: Parameters<typeof fixedReport>[0], prox: Parameters<typeof fixedReport>[0]): TracePair {
  return {
    trace,
    predictive: fixedReport({ trace, ...pred }),
    proximity: fixedReport({ trace, strategy: 'proximity', predictive: false, ...prox }),
  };
}

describe('issue targets', () => {
  it('checks each limit with a signed margin', () => {
    const res = evaluateIssueTargets([pair('curved-60', { holeChunkFrames: 0, mainThreadMs: { count: 1, p50: 1, p99: 2.5, max: 8, mean: 1 } }, { holeChunkFrames: 40 })], 0.08);
    const get = (name: string) => res.find((r) => r.name === name)!;
    expect(get('holeChunkFrames = 0')).toMatchObject({ met: true, margin: 0, value: 0 });
    expect(get('mainThreadMs p99')).toMatchObject({ met: false, value: 2.5, limit: 2 });
    expect(get('mainThreadMs p99').margin).toBeCloseTo(-0.5, 12);
    expect(get('mainThreadMs max')).toMatchObject({ met: true, margin: 0 });
    expect(get('initialLoadMs')).toMatchObject({ met: true, margin: 265.5 });
    expect(get('peakMemoryBytes')).toMatchObject({ met: true, value: 100, limit: 200, margin: 100 });
    expect(get('holes: predictive < proximity')).toMatchObject({ met: true, comparison: '<', limit: 40, margin: 40 });
    expect(get('compressionRatio (codec, real terrain chunks)')).toMatchObject({ met: true });
    expect(res.some((r) => r.name === 'revisitHitRatio')).toBe(false);
  });

  it('strict traces need strictly fewer holes; others no more', () => {
    const strict = evaluateIssueTargets([pair('curved-60', { holeChunkFrames: 0 }, { holeChunkFrames: 0 })], null);
    expect(strict.find((r) => r.name.startsWith('holes:'))).toMatchObject({ met: false, margin: 0 });
    expect(strict.find((r) => r.name.startsWith('holes:'))?.note).toMatch(/both 0: no holes left to reduce/);
    const loose = evaluateIssueTargets([pair('exploratory-walk', { holeChunkFrames: 0 }, { holeChunkFrames: 0 })], null);
    expect(loose.find((r) => r.name.startsWith('holes:'))).toMatchObject({ name: 'holes: predictive <= proximity', met: true });
    expect(loose.find((r) => r.scope === 'compression bench')).toMatchObject({ value: null, met: false });
  });

  it('linear-fast-100 allows 0.1% of required chunk-frames; revisit-shuttle-40 checks revisitHitRatio', () => {
    const res = evaluateIssueTargets(
      [
        pair('linear-fast-100', { holeChunkFrames: 400, requiredChunkFrames: 480_000 }, { holeChunkFrames: 9000 }),
        pair('revisit-shuttle-40', { revisitHitRatio: 0.9 }, {}),
      ],
      0.05,
    );
    const fast = res.find((r) => r.scope === 'linear-fast-100' && r.name.startsWith('holeChunkFrames'))!;
    expect(fast.met).toBe(true);
    expect(fast.value).toBeCloseTo(400 / 480_000, 12);
    const rev = res.find((r) => r.name === 'revisitHitRatio')!;
    expect(rev).toMatchObject({ scope: 'revisit-shuttle-40', met: false });
    expect(rev.margin).toBeCloseTo(-0.05, 12);
  });

  it('a timed-out initial load and a failed run are missed, with notes', () => {
    const res = evaluateIssueTargets(
      [
        pair('stationary-look', { initialLoadMs: null, initialLoadTimedOut: true }, {}),
        { trace: 'x', predictive: { error: 'bench:stream exited with code 1: boom' }, proximity: fixedReport() },
      ],
      0.05,
    );
    expect(res.find((r) => r.name === 'initialLoadMs')).toMatchObject({ met: false, value: null, note: 'did not complete within 30000 ms' });
    expect(res.find((r) => r.scope === 'x')).toMatchObject({ name: 'run completed', met: false, note: 'bench:stream exited with code 1: boom' });
  });
});

describe('markdown', () => {
  it('ratio formatting', () => {
    expect(formatRatio(1, 2)).toBe('0.50x');
    expect(formatRatio(0, 0)).toBe('=');
    expect(formatRatio(5, 0)).toBe('-');
    expect(formatRatio(null, 3)).toBe('-');
  });

  it('tables escape pipes and right-align value columns', () => {
    expect(markdownTable(['a', 'b'], [['x|y', '1']])).toBe('| a | b |\n| --- | ---: |\n| x\\|y | 1 |');
  });

  it('the comparison shows both strategies and the ratio', () => {
    const md = formatComparison(pair('curved-60', { holeChunkFrames: 10, peakMemoryBytes: 100 * MB }, { holeChunkFrames: 40, peakMemoryBytes: 50 * MB }));
    expect(md).toContain('| holeChunkFrames | 10 | 40 | 0.25x |');
    expect(md).toContain('| peakMemoryBytes | 100.0 MB | 50.0 MB | 2.00x |');
    expect(md).toContain('| mainThreadMs p99 | 1.50 ms | 1.50 ms | 1.00x |');
  });

  it('targets table marks met / MISSED with margins', () => {
    const md = formatIssueTargets(evaluateIssueTargets([pair('revisit-shuttle-40', { revisitHitRatio: 0.9 }, {})], 0.2));
    expect(md).toContain('| revisitHitRatio | revisit-shuttle-40 | >= 0.950 | 0.900 | **MISSED** | -0.050 |');
    expect(md).toContain('| mainThreadMs p99 | revisit-shuttle-40 | <= 2.00 ms | 1.50 ms | met | +0.50 ms |');
    expect(md).toContain('| compressionRatio (codec, real terrain chunks) | compression bench | <= 0.100 | 0.200 | **MISSED** | -0.100 |');
  });

  it('the whole page names the machine, each trace and failed parts', () => {
    const streaming = [pair('curved-60', {}, { holeChunkFrames: 5 })];
    const targets = evaluateIssueTargets(streaming, null);
    const summary: LatestSummary = {
      date: '2025-01-01T00:00:00.000Z',
      machine: fixedReport().machine,
      commit: { commit: 'abc1234', dirty: true },
      threads: 1,
      durations: { mesh: 10, total: 100 },
      mesh: { error: 'mesh exploded' },
      compression: { error: 'no chunks' },
      streaming,
      targets,
      targetsMet: targets.filter((t) => t.met).length,
      targetsTotal: targets.length,
    };
    const md = formatLatestMarkdown(summary);
    expect(md).toContain('- machine: 2 cores (Test CPU), 8.0 GB, linux/x64, Node v20.20.0; load average at the end 1.50 / 2.00 / 2.25');
    expect(md).toContain('| initialLoad: initialLoadMs <= 1,500 ms | met 1,235 ms (+266) |');
    expect(md).toContain('| holes: predictive < proximity | curved-60 | < 5 chunk-frames | 0 chunk-frames | met | +5 chunk-frames (limit = the proximity run\'s holes) |');
    expect(md).toContain('- commit: abc1234 (with uncommitted changes)');
    expect(md).toContain('### curved-60');
    expect(md).toContain('Mesh benchmark failed: mesh exploded');
    expect(md).toContain('Compression benchmark failed: no chunks');
    expect(md).toMatch(/## Issue targets: \d+ of \d+ met/);
    expect(md).toContain('| grade | A (2/2) |');
  });
});
