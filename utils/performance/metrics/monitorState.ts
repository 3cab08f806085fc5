/**
 * State shapes of the StreamingPerformanceMonitor: what the manager feeds (cache stats, gauges), the run
 * counters, and the input checks (errors name the field, the value and the allowed range).
 */
import type { BackgroundTaskType } from '@/types/streaming';

/** Cache figures as the cache reports them (cumulative lookups; bytes and entries now). */
export interface CacheStatsInput {
  hits: number;
  misses: number;
  revisitHits: number;
  revisitMisses: number;
  /** Compressed bytes and raw bytes (65,536 per non-uniform chunk) of the chunks in the cache. */
  compressedBytes: number;
  rawBytes: number;
  entries: number;
  bytes: number;
}

/** Gauges of the manager and pool; setCounts copies the fields present, others keep their values. */
export interface StreamingCounts {
  loaded: number;
  queued: number;
  inFlight: number;
  workersBusy: number;
  workersTotal: number;
  pendingApply: number;
  tracked: number;
}

export const COUNT_KEYS: readonly (keyof StreamingCounts)[] = [
  'loaded',
  'queued',
  'inFlight',
  'workersBusy',
  'workersTotal',
  'pendingApply',
  'tracked',
];
export const CACHE_KEYS: readonly (keyof CacheStatsInput)[] = [
  'hits',
  'misses',
  'revisitHits',
  'revisitMisses',
  'compressedBytes',
  'rawBytes',
  'entries',
  'bytes',
];
export const TASK_TYPES: readonly BackgroundTaskType[] = ['generate', 'mesh', 'compress', 'decompress'];

/** Run counters (reset by markRunStart). Read-only to callers. */
export interface MonitorCounters {
  frames: number;
  initialLoadFrames: number;
  requiredChunkFrames: number;
  holeChunkFrames: number;
  holeFrames: number;
  arrivals: number;
  readyArrivals: number;
  arrivalsBeforeInitialLoad: number;
  completed: Record<BackgroundTaskType, number>;
  wasted: Record<BackgroundTaskType, number>;
  cancelled: number;
  failed: number;
  peakMemoryBytes: number;
  peakLoadedChunks: number;
}

export function createCounters(): MonitorCounters {
  return {
    frames: 0,
    initialLoadFrames: 0,
    requiredChunkFrames: 0,
    holeChunkFrames: 0,
    holeFrames: 0,
    arrivals: 0,
    readyArrivals: 0,
    arrivalsBeforeInitialLoad: 0,
    completed: { generate: 0, mesh: 0, compress: 0, decompress: 0 },
    wasted: { generate: 0, mesh: 0, compress: 0, decompress: 0 },
    cancelled: 0,
    failed: 0,
    peakMemoryBytes: NaN,
    peakLoadedChunks: NaN,
  };
}

export function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) {
    throw new Error(`StreamingPerformanceMonitor: ${name} must be an integer >= 1, got ${v}`);
  }
  return v;
}

export function checkNonNegative(name: string, v: number): void {
  if (!(v >= 0) || !Number.isFinite(v)) {
    throw new Error(`StreamingPerformanceMonitor: ${name} must be a finite number >= 0, got ${v}`);
  }
}
