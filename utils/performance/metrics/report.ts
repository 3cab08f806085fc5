/**
 * The run report: every field of the streaming benchmark's JSON (../shared/streaming-spec.md, "Streaming
 * benchmark CLI", minus the run settings trace/threads/strategy/predictive that the benchmark adds) plus
 * details. Built on demand (allocates; not for the per-frame path). A value with nothing measured is null.
 * Times in ms, sizes in bytes.
 */
import type { PerformanceGrade } from '@/config/streamingConfig';
import type { BackgroundTaskType } from '@/types/streaming';
import type { StreamingAlert } from './AlertTracker';
import type { QuantileHistogram } from './QuantileHistogram';
import type { TargetEvaluation, TargetEvaluationSet } from './targets';
import type { CacheStatsInput, MonitorCounters, StreamingCounts } from './monitorState';

export interface DurationSummary {
  count: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}

export interface StreamingPerformanceReport {
  /** Frames after the initial load. */
  frames: number;
  initialLoadMs: number | null;
  initialLoadFrames: number;
  requiredChunkFrames: number;
  holeChunkFrames: number;
  holeFrames: number;
  /** Chunks that entered the required set after the initial load; readyOnArrival = ready share of them. */
  arrivals: number;
  readyOnArrival: number | null;
  /** Frames after the initial load. */
  mainThreadMs: DurationSummary;
  initialLoadMainThreadMs: DurationSummary;
  /** Every chunk of the run, request -> ready. */
  chunkLoadMs: DurationSummary;
  chunksGenerated: number;
  chunksMeshed: number;
  chunksCompressed: number;
  chunksDecompressed: number;
  chunksCancelled: number;
  chunksFailed: number;
  wasted: Record<BackgroundTaskType, number>;
  wastedWork: number | null;
  cacheHitRatio: number | null;
  revisitHitRatio: number | null;
  compressionRatio: number | null;
  cacheLookups: number;
  revisitLookups: number;
  cacheEntries: number;
  cacheBytes: number;
  memoryBytes: number | null;
  memoryBudgetBytes: number | null;
  memoryPressure: number | null;
  peakMemoryBytes: number | null;
  peakLoadedChunks: number | null;
  counts: StreamingCounts;
  /** Targets with a measured value (copies). */
  targets: TargetEvaluation[];
  targetsMeasured: number;
  targetsMet: number;
  performanceGrade: PerformanceGrade;
  /** Messages of the alerts active at report time. */
  alerts: string[];
}

/** What buildReport reads from the monitor. */
export interface ReportSource {
  readonly counters: MonitorCounters;
  readonly mainThreadMs: QuantileHistogram;
  readonly initialLoadMainThreadMs: QuantileHistogram;
  readonly chunkLoadMs: QuantileHistogram;
  readonly counts: StreamingCounts;
  readonly cache: CacheStatsInput;
  readonly memoryBytes: number;
  readonly memoryBudgetBytes: number;
  wastedWork(): number;
  readyOnArrival(): number;
  cacheHitRatio(): number;
  revisitHitRatio(): number;
  compressionRatio(): number;
  memoryPressure(): number;
  initialLoadMs(): number;
}

function n(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}

export function summarize(h: QuantileHistogram): DurationSummary {
  return { count: h.count, p50: n(h.quantile(0.5)), p99: n(h.quantile(0.99)), max: n(h.max), mean: n(h.mean()) };
}

export function buildReport(
  src: ReportSource,
  targets: TargetEvaluationSet,
  alerts: readonly StreamingAlert[],
): StreamingPerformanceReport {
  const c = src.counters;
  return {
    frames: c.frames,
    initialLoadMs: n(src.initialLoadMs()),
    initialLoadFrames: c.initialLoadFrames,
    requiredChunkFrames: c.requiredChunkFrames,
    holeChunkFrames: c.holeChunkFrames,
    holeFrames: c.holeFrames,
    arrivals: c.arrivals,
    readyOnArrival: n(src.readyOnArrival()),
    mainThreadMs: summarize(src.mainThreadMs),
    initialLoadMainThreadMs: summarize(src.initialLoadMainThreadMs),
    chunkLoadMs: summarize(src.chunkLoadMs),
    chunksGenerated: c.completed.generate,
    chunksMeshed: c.completed.mesh,
    chunksCompressed: c.completed.compress,
    chunksDecompressed: c.completed.decompress,
    chunksCancelled: c.cancelled,
    chunksFailed: c.failed,
    wasted: { ...c.wasted },
    wastedWork: n(src.wastedWork()),
    cacheHitRatio: n(src.cacheHitRatio()),
    revisitHitRatio: n(src.revisitHitRatio()),
    compressionRatio: n(src.compressionRatio()),
    cacheLookups: src.cache.hits + src.cache.misses,
    revisitLookups: src.cache.revisitHits + src.cache.revisitMisses,
    cacheEntries: src.cache.entries,
    cacheBytes: src.cache.bytes,
    memoryBytes: n(src.memoryBytes),
    memoryBudgetBytes: n(src.memoryBudgetBytes),
    memoryPressure: n(src.memoryPressure()),
    peakMemoryBytes: n(c.peakMemoryBytes),
    peakLoadedChunks: n(c.peakLoadedChunks),
    counts: { ...src.counts },
    targets: targets.measured.map((t) => ({ ...t })),
    targetsMeasured: targets.measured.length,
    targetsMet: targets.metCount,
    performanceGrade: targets.grade,
    alerts: alerts.map((a) => a.message),
  };
}
