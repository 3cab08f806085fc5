/**
 * The streaming benchmark's result: the spec's JSON fields ("Streaming benchmark CLI") first, from the
 * run settings and StreamingPerformanceMonitor.getReport(), then the benchmark's own measurements
 * (frame pacing, GPU stand-in, process memory, machine). Times in ms, sizes in bytes, null = not measured.
 */
import type { LoadingPriority } from '@/config/streamingConfig';
import type { StreamingPerformanceReport } from '@/utils/performance/StreamingPerformanceMonitor';
import { fmt, formatTable } from '../lib/table';
import type { GpuSinkStats } from './gpuSink';
import type { MachineInfo } from './machine';

export interface Summary3 {
  p50: number | null;
  p99: number | null;
  max: number | null;
}

export interface PacingStats {
  /** Frame rate the replay is paced at. */
  hz: number;
  /** Frames of the replay (after the initial load). */
  frames: number;
  /** Frame slots skipped because the previous frame ran past them. */
  droppedFrames: number;
  /** Frames that started more than LATE_TOLERANCE_MS after their slot. */
  lateFrames: number;
  lateToleranceMs: number;
  /** Start of frame minus its slot, ms. */
  latenessMs: Summary3;
  /** Wall time between consecutive frame starts, ms. */
  frameIntervalMs: Summary3;
  /** Trace duration replayed, s; wall time of the replay, s. */
  traceSeconds: number;
  wallSeconds: number;
  /** Frames of phase 1 (player still, until the initial load completed or timed out). */
  initialLoadFrames: number;
}

export interface ProcessMemoryStats {
  /** Peaks of process.memoryUsage() sampled every PROCESS_SAMPLE_FRAMES frames (main thread heap; RSS covers the worker threads too). */
  peakRssBytes: number;
  peakHeapUsedBytes: number;
  peakArrayBuffersBytes: number;
}

/** The spec's fields, in the spec's order, plus the monitor's details. */
export interface StreamBenchReport extends StreamingPerformanceReport {
  trace: string;
  threads: number;
  strategy: LoadingPriority;
  predictive: boolean;
  /** true when the initial load did not complete within the timeout (initialLoadMs is then null). */
  initialLoadTimedOut: boolean;
  initialLoadTimeoutMs: number;
  pacing: PacingStats;
  gpu: GpuSinkStats;
  processMemory: ProcessMemoryStats;
  machine: MachineInfo;
  /** Warnings the engine emitted during the run (count) and the first few messages. */
  warnings: number;
  warningSamples: string[];
}

/** The field names the spec requires in the JSON (checked by tests and before writing). */
export const SPEC_FIELDS = [
  'trace',
  'threads',
  'strategy',
  'predictive',
  'frames',
  'initialLoadMs',
  'requiredChunkFrames',
  'holeChunkFrames',
  'holeFrames',
  'readyOnArrival',
  'mainThreadMs',
  'chunkLoadMs',
  'chunksGenerated',
  'chunksMeshed',
  'chunksCancelled',
  'wastedWork',
  'cacheHitRatio',
  'revisitHitRatio',
  'compressionRatio',
  'peakMemoryBytes',
] as const;

/** Names of required fields absent from `report` (undefined; null counts as present = not measured). */
export function missingSpecFields(report: Record<string, unknown>): string[] {
  const missing: string[] = SPEC_FIELDS.filter((f) => report[f] === undefined);
  const mt = report.mainThreadMs as Record<string, unknown> | undefined;
  if (mt) for (const k of ['p50', 'p99', 'max']) if (mt[k] === undefined) missing.push(`mainThreadMs.${k}`);
  const cl = report.chunkLoadMs as Record<string, unknown> | undefined;
  if (cl) for (const k of ['p50', 'p99']) if (cl[k] === undefined) missing.push(`chunkLoadMs.${k}`);
  return missing;
}

/** Spec fields first (in order), then everything else; JSON text with a trailing newline. */
export function reportToJson(report: StreamBenchReport): string {
  const ordered: Record<string, unknown> = {};
  for (const f of SPEC_FIELDS) ordered[f] = report[f];
  for (const [k, v] of Object.entries(report)) if (!(k in ordered)) ordered[k] = v;
  return JSON.stringify(ordered, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

const MB = 1024 * 1024;

export function fmtMs(v: number | null | undefined, digits = 2): string {
  return v == null ? '-' : `${fmt(v, digits)} ms`;
}

export function fmtRatio(v: number | null | undefined, digits = 3): string {
  return v == null ? '-' : fmt(v, digits);
}

export function fmtMB(v: number | null | undefined): string {
  return v == null ? '-' : `${fmt(v / MB, 1)} MB`;
}

export function fmtInt(v: number | null | undefined): string {
  return v == null ? '-' : fmt(v, 0);
}

export function fmtPct(v: number | null | undefined, digits = 1): string {
  return v == null ? '-' : `${fmt(v * 100, digits)}%`;
}

/** Rows [label, value] of the printed table for one run. */
export function reportRows(r: StreamBenchReport): [string, string][] {
  const holeShare = r.requiredChunkFrames > 0 ? r.holeChunkFrames / r.requiredChunkFrames : null;
  return [
    ['trace', r.trace],
    ['threads / strategy / predictive', `${r.threads} / ${r.strategy} / ${r.predictive ? 'yes' : 'no'}`],
    ['initialLoadMs', r.initialLoadTimedOut ? `timed out after ${fmt(r.initialLoadTimeoutMs, 0)} ms` : fmtMs(r.initialLoadMs, 0)],
    ['frames (after initial load)', fmtInt(r.frames)],
    ['requiredChunkFrames', fmtInt(r.requiredChunkFrames)],
    ['holeChunkFrames', `${fmtInt(r.holeChunkFrames)} (${fmtPct(holeShare, 3)} of required)`],
    ['holeFrames', `${fmtInt(r.holeFrames)} of ${fmtInt(r.frames)}`],
    ['readyOnArrival', `${fmtRatio(r.readyOnArrival)} (${fmtInt(r.arrivals)} arrivals)`],
    ['mainThreadMs p50 / p99 / max', `${fmtMs(r.mainThreadMs.p50)} / ${fmtMs(r.mainThreadMs.p99)} / ${fmtMs(r.mainThreadMs.max)}`],
    ['chunkLoadMs p50 / p99', `${fmtMs(r.chunkLoadMs.p50, 1)} / ${fmtMs(r.chunkLoadMs.p99, 1)}`],
    ['chunksGenerated / Meshed / Cancelled', `${fmtInt(r.chunksGenerated)} / ${fmtInt(r.chunksMeshed)} / ${fmtInt(r.chunksCancelled)}`],
    ['wastedWork', fmtRatio(r.wastedWork)],
    ['cacheHitRatio / revisitHitRatio', `${fmtRatio(r.cacheHitRatio)} / ${fmtRatio(r.revisitHitRatio)} (${fmtInt(r.cacheLookups)} / ${fmtInt(r.revisitLookups)} lookups)`],
    ['compressionRatio', fmtRatio(r.compressionRatio, 4)],
    ['peakMemoryBytes', fmtMB(r.peakMemoryBytes)],
    ['grade (targets met)', `${r.performanceGrade} (${r.targetsMet} of ${r.targetsMeasured})`],
    [
      'frames dropped / late (> ' + fmt(r.pacing.lateToleranceMs, 0) + ' ms)',
      `${fmtInt(r.pacing.droppedFrames)} / ${fmtInt(r.pacing.lateFrames)} of ${fmtInt(r.pacing.frames)}`,
    ],
    ['frame lateness p50 / p99 / max', `${fmtMs(r.pacing.latenessMs.p50)} / ${fmtMs(r.pacing.latenessMs.p99)} / ${fmtMs(r.pacing.latenessMs.max)}`],
    ['replay wall / trace time', `${fmt(r.pacing.wallSeconds, 2)} s / ${fmt(r.pacing.traceSeconds, 2)} s`],
    ['GPU stand-in uploads', `${fmtInt(r.gpu.uploads)} (${fmtMB(r.gpu.uploadedBytes)}), peak ${fmtInt(r.gpu.peakChunks)} chunks / ${fmtMB(r.gpu.peakBytes)}`],
    ['process peak RSS / heap', `${fmtMB(r.processMemory.peakRssBytes)} / ${fmtMB(r.processMemory.peakHeapUsedBytes)}`],
    ['warnings', fmtInt(r.warnings)],
    ['machine load average (1 / 5 / 15 min)', r.machine.loadAverage ? r.machine.loadAverage.map((v) => fmt(v, 2)).join(' / ') : '-'],
  ];
}

/** The printed table of one run. */
export function formatStreamReport(r: StreamBenchReport): string {
  return formatTable(['metric', 'value'], reportRows(r));
}
