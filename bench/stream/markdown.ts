/**
 * bench/results/latest.md: the aggregate benchmark's results as Markdown. Pure formatting of the
 * summary object that is also written as latest.json (no measuring here).
 */
import type { CompressionBenchResult } from '../compressionBench';
import { MESH_KINDS, type MeshBenchResult } from '../meshBench';
import { TARGET_DEFINITIONS } from '@/utils/performance/metrics/targets';
import { fmt } from '../lib/table';
import { type IssueTargetResult, type RunFailure, type TracePair, isFailure } from './issueTargets';
import type { CommitInfo, MachineInfo } from './machine';
import { fmtInt, fmtMB, fmtRatio, type StreamBenchReport } from './report';

export interface LatestSummary {
  date: string;
  machine: MachineInfo;
  commit: CommitInfo;
  /** Worker threads of the streaming runs. */
  threads: number;
  /** Seconds each part took. */
  durations: Record<string, number>;
  mesh: MeshBenchResult | RunFailure;
  compression: CompressionBenchResult | RunFailure;
  streaming: TracePair[];
  targets: IssueTargetResult[];
  targetsMet: number;
  targetsTotal: number;
}

type Row = { label: string; get: (r: StreamBenchReport) => number | null; show: (v: number | null) => string };

const ms = (d: number) => (v: number | null) => (v === null ? '-' : `${fmt(v, d)} ms`);
const holeShare = (r: StreamBenchReport) => (r.requiredChunkFrames > 0 ? r.holeChunkFrames / r.requiredChunkFrames : null);

/** Rows of the per-trace comparison table. */
export const COMPARISON_ROWS: readonly Row[] = [
  { label: 'initialLoadMs', get: (r) => r.initialLoadMs, show: ms(0) },
  { label: 'holeChunkFrames', get: (r) => r.holeChunkFrames, show: fmtInt },
  { label: 'hole share of requiredChunkFrames', get: holeShare, show: (v) => (v === null ? '-' : `${fmt(v * 100, 3)}%`) },
  { label: 'holeFrames', get: (r) => r.holeFrames, show: fmtInt },
  { label: 'requiredChunkFrames', get: (r) => r.requiredChunkFrames, show: fmtInt },
  { label: 'readyOnArrival', get: (r) => r.readyOnArrival, show: (v) => fmtRatio(v) },
  { label: 'mainThreadMs p50', get: (r) => r.mainThreadMs.p50, show: ms(2) },
  { label: 'mainThreadMs p99', get: (r) => r.mainThreadMs.p99, show: ms(2) },
  { label: 'mainThreadMs max', get: (r) => r.mainThreadMs.max, show: ms(2) },
  { label: 'chunkLoadMs p50', get: (r) => r.chunkLoadMs.p50, show: ms(1) },
  { label: 'chunkLoadMs p99', get: (r) => r.chunkLoadMs.p99, show: ms(1) },
  { label: 'chunksGenerated', get: (r) => r.chunksGenerated, show: fmtInt },
  { label: 'chunksMeshed', get: (r) => r.chunksMeshed, show: fmtInt },
  { label: 'chunksCancelled', get: (r) => r.chunksCancelled, show: fmtInt },
  { label: 'wastedWork', get: (r) => r.wastedWork, show: (v) => fmtRatio(v) },
  { label: 'cacheHitRatio', get: (r) => r.cacheHitRatio, show: (v) => fmtRatio(v) },
  { label: 'revisitHitRatio', get: (r) => r.revisitHitRatio, show: (v) => fmtRatio(v) },
  { label: 'compressionRatio', get: (r) => r.compressionRatio, show: (v) => fmtRatio(v, 4) },
  { label: 'peakMemoryBytes', get: (r) => r.peakMemoryBytes, show: fmtMB },
  { label: 'frames (after initial load)', get: (r) => r.frames, show: fmtInt },
  { label: 'frames dropped (pacing)', get: (r) => r.pacing.droppedFrames, show: fmtInt },
  { label: 'frames late > 2 ms (pacing)', get: (r) => r.pacing.lateFrames, show: fmtInt },
  { label: 'machine load average (1 min, at the end)', get: (r) => r.machine.loadAverage?.[0] ?? null, show: (v) => (v === null ? '-' : fmt(v, 2)) },
];

/** value / baseline as "0.52x"; "=" when both are 0; "-" when either is missing or only the baseline is 0. */
export function formatRatio(value: number | null, baseline: number | null): string {
  if (value === null || baseline === null) return '-';
  if (baseline === 0) return value === 0 ? '=' : '-';
  return `${fmt(value / baseline, 2)}x`;
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A GitHub Markdown table. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(header), `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...rows.map(line)].join('\n');
}

export function formatComparison(pair: TracePair): string {
  const a = pair.predictive;
  const b = pair.proximity;
  const rows = COMPARISON_ROWS.map((row) => {
    const va = isFailure(a) ? null : row.get(a);
    const vb = isFailure(b) ? null : row.get(b);
    return [row.label, isFailure(a) ? 'failed' : row.show(va), isFailure(b) ? 'failed' : row.show(vb), formatRatio(va, vb)];
  });
  const parts = [markdownTable(['metric', 'adaptive + prediction', 'proximity, no prediction (baseline)', 'ratio'], rows)];
  if (isFailure(a)) parts.push(`\nadaptive + prediction run failed: ${a.error}`);
  if (isFailure(b)) parts.push(`\nproximity run failed: ${b.error}`);
  if (!isFailure(a) && a.initialLoadTimedOut) parts.push(`\nadaptive + prediction: initial load timed out after ${a.initialLoadTimeoutMs} ms.`);
  if (!isFailure(b) && b.initialLoadTimedOut) parts.push(`\nproximity: initial load timed out after ${b.initialLoadTimeoutMs} ms.`);
  return parts.join('\n');
}

function showValue(v: number | null, unit: string, digits: number): string {
  if (v === null) return 'not measured';
  if (unit === 'of required') return `${fmt(v * 100, 3)}%`;
  return `${fmt(v, digits)}${unit && unit !== 'of required' ? ' ' + unit : ''}`;
}

function digitsFor(t: IssueTargetResult): number {
  if (t.unit === 'ms') return 2;
  if (t.unit === 'MB') return 1;
  if (t.unit === 'chunk-frames') return 0;
  return 3;
}

export function formatIssueTargets(targets: readonly IssueTargetResult[]): string {
  const rows = targets.map((t) => {
    const d = digitsFor(t);
    const limit = t.unit === 'of required' ? `${fmt(t.limit * 100, 1)}%` : `${fmt(t.limit, d)}${t.unit ? ' ' + t.unit : ''}`;
    const margin =
      t.margin === null
        ? '-'
        : t.unit === 'of required'
          ? `${t.margin >= 0 ? '+' : ''}${fmt(t.margin * 100, 3)}%`
          : `${t.margin >= 0 ? '+' : ''}${fmt(t.margin, d)}${t.unit ? ' ' + t.unit : ''}`;
    return [
      t.name,
      t.scope,
      `${t.comparison} ${limit}`,
      showValue(t.value, t.unit, d),
      t.met ? 'met' : '**MISSED**',
      margin + (t.note ? ` (${t.note})` : ''),
    ];
  });
  return markdownTable(['target', 'trace', 'limit', 'measured', 'result', 'margin'], rows);
}

/** Config targets as the monitor evaluated them, one column per trace (adaptive + prediction runs). */
export function formatMonitorTargets(pairs: readonly TracePair[]): string {
  const rows = TARGET_DEFINITIONS.filter((d) => pairs.some((p) => !isFailure(p.predictive) && p.predictive.targets.some((t) => t.name === d.name))).map(
    (d) => {
      const num = (v: number) => fmt(v / d.scale, Math.abs(v / d.scale) >= 100 ? 0 : d.digits);
      return [
        `${d.name}: ${d.metric} ${d.comparison} ${num(d.target)}${d.unit}`,
        ...pairs.map((p) => {
          if (isFailure(p.predictive)) return 'failed';
          const t = p.predictive.targets.find((x) => x.name === d.name);
          if (!t) return 'not measured';
          return `${t.met ? 'met' : '**MISSED**'} ${num(t.measured)}${d.unit} (${t.margin >= 0 ? '+' : '-'}${num(Math.abs(t.margin))})`;
        }),
      ];
    },
  );
  rows.push(['grade', ...pairs.map((p) => (isFailure(p.predictive) ? '-' : `${p.predictive.performanceGrade} (${p.predictive.targetsMet}/${p.predictive.targetsMeasured})`))]);
  return markdownTable(['target (config/streamingConfig.ts)', ...pairs.map((p) => p.trace)], rows);
}

function formatMesh(mesh: MeshBenchResult | RunFailure): string {
  if (isFailure(mesh)) return `Mesh benchmark failed: ${mesh.error}`;
  const rows: string[][] = [];
  for (const kind of MESH_KINDS) {
    const k = mesh.kinds[kind];
    if (!k) continue;
    rows.push([
      `${kind} (${k.chunks})`,
      `${fmt(k.meshers.binary.usPerChunk, 1)} us`,
      `${fmt(k.meshers.classic.usPerChunk, 1)} us`,
      `${fmt(k.meshers.naive.usPerChunk, 1)} us`,
      `${fmt(k.speedVsClassic, 2)}x`,
      fmt(k.quadsVsNaive, 3),
      fmt(k.meshers.binary.quadsPerChunk, 0),
    ]);
  }
  const table = markdownTable(['kind (chunks)', 'binary', 'classic greedy (baseline)', 'naive culled (baseline)', 'speed vs classic', 'quads vs naive', 'quads/chunk'], rows);
  const targets = mesh.targets.map((t) => `- ${t.met ? 'met' : '**MISSED**'}: ${t.name} ${t.direction === 'lower' ? '<=' : '>='} ${fmt(t.limit, 2)} ${t.unit}: ${fmt(t.value, 2)} ${t.unit} (${fmt(Math.abs(t.margin) * 100, 1)}% ${t.met ? 'margin' : 'short'})`);
  return [`seed ${mesh.seed}, ${mesh.chunksPerKind} chunks per kind, ${mesh.reps} reps; median over chunks of per-chunk medians.`, '', table, '', ...targets].join('\n');
}

function formatCompression(c: CompressionBenchResult | RunFailure): string {
  if (isFailure(c)) return `Compression benchmark failed: ${c.error}`;
  const rows = c.methods.map((m) => [
    m.method === 'codec' ? 'codec (palette/RLE + deflate)' : m.method === 'fflate' ? 'fflate alone (baseline)' : 'none (baseline)',
    fmt(m.compressionRatio, 4),
    fmt(m.meanBytes, 0),
    `${fmt(m.encodeUsP50, 1)} us`,
    `${fmt(m.encodeMBps, 0)} MB/s`,
    `${fmt(m.decodeUsP50, 1)} us`,
    `${fmt(m.decodeMBps, 0)} MB/s`,
  ]);
  return [
    `seed ${c.seed}, ${c.chunks} real terrain chunks (${c.uniformSkipped} uniform skipped), ${c.reps} reps, deflate level ${c.deflateLevel}.`,
    '',
    markdownTable(['method', 'ratio', 'bytes/chunk', 'encode p50', 'encode', 'decode p50', 'decode'], rows),
    '',
    `codec vs fflate alone: ${fmt(c.vsFflate.size, 2)}x the size, ${fmt(c.vsFflate.encodeSpeed, 2)}x the encode speed, ${fmt(c.vsFflate.decodeSpeed, 2)}x the decode speed.`,
  ].join('\n');
}

export function formatLatestMarkdown(s: LatestSummary): string {
  const m = s.machine;
  const commit = s.commit.commit ? `${s.commit.commit}${s.commit.dirty ? ' (with uncommitted changes)' : ''}` : 'unknown';
  const out: string[] = [
    '# Benchmark results (`npm run bench`)',
    '',
    `- date: ${s.date}`,
    `- commit: ${commit}`,
    `- machine: ${m.cores} cores (${m.cpuModel}), ${fmt(m.totalMemoryBytes / 1024 ** 3, 1)} GB, ${m.platform}/${m.arch}, Node ${m.node}` +
      (m.loadAverage ? `; load average at the end ${m.loadAverage.map((v) => fmt(v, 2)).join(' / ')} (1 / 5 / 15 min: other work on the machine skews timings)` : ''),
    `- streaming runs: ${s.threads} worker thread(s), real time at 60 Hz, one run at a time; each trace twice: adaptive + prediction vs proximity without prediction (nearest-first, the baseline). Ratio = adaptive / baseline.`,
    `- time taken: ${Object.entries(s.durations)
      .map(([k, v]) => `${k} ${fmt(v, 0)} s`)
      .join(', ')}`,
    '',
    `## Issue targets: ${s.targetsMet} of ${s.targetsTotal} met`,
    '',
    formatIssueTargets(s.targets),
    '',
    '## Streaming, per trace',
  ];
  for (const p of s.streaming) {
    out.push('', `### ${p.trace}`, '', formatComparison(p));
  }
  out.push('', '## Config targets per trace (StreamingPerformanceMonitor, adaptive + prediction)', '', '(margin in the metric\'s unit: + room to spare, - missed by)', '', formatMonitorTargets(s.streaming));
  out.push('', '## Meshing', '', formatMesh(s.mesh));
  out.push('', '## Compression', '', formatCompression(s.compression));
  return out.join('\n') + '\n';
}
