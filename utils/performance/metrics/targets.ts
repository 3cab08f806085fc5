/**
 * Which measured value each target of CHUNK_STREAMING_TARGETS is checked against.
 *
 * | name                 | target (config/streamingConfig.ts)                   | measured value                          | met when |
 * |----------------------|------------------------------------------------------|-----------------------------------------|----------|
 * | chunkLoadTime        | LOADING_PERFORMANCE.maxChunkLoadTime (100 ms)        | chunkLoadMs p50 (all chunks of the run) | <=       |
 * | queueProcessingTime  | LOADING_PERFORMANCE.maxQueueProcessingTime (5 ms)    | mainThreadMs p99                        | <=       |
 * | cacheHitRatio        | LOADING_PERFORMANCE.targetCacheHitRatio (0.85)       | cacheHitRatio                           | >=       |
 * | memoryPressure       | LOADING_PERFORMANCE.maxMemoryPressure (0.8)          | memoryPressure now (memory / budget)    | <=       |
 * | initialLoad          | LOADING_PERFORMANCE.maxInitialLoadMs (1500 ms)       | initialLoadMs                           | <=       |
 * | loadedChunks         | STREAMING_EFFICIENCY.maxLoadedChunks (4096)          | peak loadedChunkCount                   | <=       |
 * | predictiveAccuracy   | STREAMING_EFFICIENCY.predictiveAccuracy (0.7)        | readyOnArrival                          | >=       |
 * | streamingEfficiency  | STREAMING_EFFICIENCY.loadingQueueEfficiency (0.75)   | 1 - wastedWork                          | >=       |
 * | cacheSize            | MEMORY_MANAGEMENT.maxCacheSize (500 MB)              | cache bytes (MB)                        | <=       |
 * | compressionRatio     | MEMORY_MANAGEMENT.targetCompressionRatio (0.1)       | compressionRatio                        | <=       |
 * | peakMemory           | MEMORY_MANAGEMENT.maxPeakMemoryBytes (200 MB)        | peakMemoryBytes                         | <=       |
 * | revisitHitRatio      | MEMORY_MANAGEMENT.targetRevisitHitRatio (0.95)       | revisitHitRatio                         | >=       |
 * | mainThreadP99        | MAIN_THREAD.p99Ms (2 ms)                             | mainThreadMs p99                        | <=       |
 * | mainThreadMax        | MAIN_THREAD.maxMs (8 ms)                             | mainThreadMs max                        | <=       |
 * | loadingInterruptions | USER_EXPERIENCE.maxLoadingInterruptions (0)          | holeChunkFrames                         | <=       |
 * Not checked (no measured value here): STREAMING_EFFICIENCY.unloadingLatency (a setting, not an outcome),
 * USER_EXPERIENCE.seamlessTransitionRadius and responsiveDistance (they define the required set and the
 * initial load, which are measured above), USER_EXPERIENCE.maxFrameDrops (the monitor is not fed frame deltas).
 *
 * A target whose measured value is NaN (nothing measured yet: no frames after the initial load, no cache
 * lookups, no arrivals...) is left out of the evaluation and of the grade.
 */
import { CHUNK_STREAMING_TARGETS as T, gradeFromShare, type PerformanceGrade } from '@/config/streamingConfig';

/** The measured values targets are checked against (NaN = not measured). Filled by the monitor. */
export interface MeasuredValues {
  chunkLoadP50: number;
  mainThreadP99: number;
  mainThreadMax: number;
  cacheHitRatio: number;
  memoryPressure: number;
  initialLoadMs: number;
  peakLoadedChunks: number;
  readyOnArrival: number;
  streamingEfficiency: number;
  cacheMB: number;
  compressionRatio: number;
  peakMemoryBytes: number;
  revisitHitRatio: number;
  holeChunkFrames: number;
}

export function createMeasuredValues(): MeasuredValues {
  return {
    chunkLoadP50: NaN,
    mainThreadP99: NaN,
    mainThreadMax: NaN,
    cacheHitRatio: NaN,
    memoryPressure: NaN,
    initialLoadMs: NaN,
    peakLoadedChunks: NaN,
    readyOnArrival: NaN,
    streamingEfficiency: NaN,
    cacheMB: NaN,
    compressionRatio: NaN,
    peakMemoryBytes: NaN,
    revisitHitRatio: NaN,
    holeChunkFrames: NaN,
  };
}

export type Comparison = '<=' | '>=';

export interface TargetDefinition {
  name: string;
  /** Where the limit is in CHUNK_STREAMING_TARGETS. */
  targetPath: string;
  /** The measured metric, as named in reports and alert messages. */
  metric: string;
  /** Label used in alert messages ("main thread p99 6.1 ms > 2 ms"). */
  label: string;
  field: keyof MeasuredValues;
  target: number;
  comparison: Comparison;
  /** Display: unit suffix, decimals, and a scale applied to both numbers (bytes -> MB). */
  unit: string;
  digits: number;
  scale: number;
}

const MB = 1024 * 1024;

export const TARGET_DEFINITIONS: readonly TargetDefinition[] = Object.freeze([
  def('chunkLoadTime', 'LOADING_PERFORMANCE.maxChunkLoadTime', 'chunkLoadMs.p50', 'chunk load p50', 'chunkLoadP50', T.LOADING_PERFORMANCE.maxChunkLoadTime, '<=', ' ms', 1),
  def('queueProcessingTime', 'LOADING_PERFORMANCE.maxQueueProcessingTime', 'mainThreadMs.p99', 'main thread p99', 'mainThreadP99', T.LOADING_PERFORMANCE.maxQueueProcessingTime, '<=', ' ms', 1),
  def('cacheHitRatio', 'LOADING_PERFORMANCE.targetCacheHitRatio', 'cacheHitRatio', 'cache hit ratio', 'cacheHitRatio', T.LOADING_PERFORMANCE.targetCacheHitRatio, '>=', '', 2),
  def('memoryPressure', 'LOADING_PERFORMANCE.maxMemoryPressure', 'memoryPressure', 'memory pressure', 'memoryPressure', T.LOADING_PERFORMANCE.maxMemoryPressure, '<=', '', 2),
  def('initialLoad', 'LOADING_PERFORMANCE.maxInitialLoadMs', 'initialLoadMs', 'initial load', 'initialLoadMs', T.LOADING_PERFORMANCE.maxInitialLoadMs, '<=', ' ms', 0),
  def('loadedChunks', 'STREAMING_EFFICIENCY.maxLoadedChunks', 'peakLoadedChunks', 'loaded chunks (peak)', 'peakLoadedChunks', T.STREAMING_EFFICIENCY.maxLoadedChunks, '<=', '', 0),
  def('predictiveAccuracy', 'STREAMING_EFFICIENCY.predictiveAccuracy', 'readyOnArrival', 'ready on arrival', 'readyOnArrival', T.STREAMING_EFFICIENCY.predictiveAccuracy, '>=', '', 2),
  def('streamingEfficiency', 'STREAMING_EFFICIENCY.loadingQueueEfficiency', 'streamingEfficiency', 'streaming efficiency (1 - wasted work)', 'streamingEfficiency', T.STREAMING_EFFICIENCY.loadingQueueEfficiency, '>=', '', 2),
  def('cacheSize', 'MEMORY_MANAGEMENT.maxCacheSize', 'cacheBytes', 'cache size', 'cacheMB', T.MEMORY_MANAGEMENT.maxCacheSize, '<=', ' MB', 1),
  def('compressionRatio', 'MEMORY_MANAGEMENT.targetCompressionRatio', 'compressionRatio', 'compression ratio', 'compressionRatio', T.MEMORY_MANAGEMENT.targetCompressionRatio, '<=', '', 3),
  def('peakMemory', 'MEMORY_MANAGEMENT.maxPeakMemoryBytes', 'peakMemoryBytes', 'peak memory', 'peakMemoryBytes', T.MEMORY_MANAGEMENT.maxPeakMemoryBytes, '<=', ' MB', 1, MB),
  def('revisitHitRatio', 'MEMORY_MANAGEMENT.targetRevisitHitRatio', 'revisitHitRatio', 'revisit hit ratio', 'revisitHitRatio', T.MEMORY_MANAGEMENT.targetRevisitHitRatio, '>=', '', 2),
  def('mainThreadP99', 'MAIN_THREAD.p99Ms', 'mainThreadMs.p99', 'main thread p99', 'mainThreadP99', T.MAIN_THREAD.p99Ms, '<=', ' ms', 1),
  def('mainThreadMax', 'MAIN_THREAD.maxMs', 'mainThreadMs.max', 'main thread max', 'mainThreadMax', T.MAIN_THREAD.maxMs, '<=', ' ms', 1),
  def('loadingInterruptions', 'USER_EXPERIENCE.maxLoadingInterruptions', 'holeChunkFrames', 'hole chunk-frames', 'holeChunkFrames', T.USER_EXPERIENCE.maxLoadingInterruptions, '<=', '', 0),
]);

function def(
  name: string,
  targetPath: string,
  metric: string,
  label: string,
  field: keyof MeasuredValues,
  target: number,
  comparison: Comparison,
  unit: string,
  digits: number,
  scale = 1,
): TargetDefinition {
  return Object.freeze({ name, targetPath, metric, label, field, target, comparison, unit, digits, scale });
}

/** One checked target. `margin` is in the metric's units, > 0 = room to spare, < 0 = missed by that much. */
export interface TargetEvaluation {
  name: string;
  metric: string;
  measured: number;
  target: number;
  comparison: Comparison;
  met: boolean;
  margin: number;
}

/** Reused evaluation state: one entry per definition, and the list of those measured. */
export interface TargetEvaluationSet {
  all: TargetEvaluation[];
  measured: TargetEvaluation[];
  metCount: number;
  shareMet: number;
  grade: PerformanceGrade;
}

export function createTargetEvaluationSet(): TargetEvaluationSet {
  return {
    all: TARGET_DEFINITIONS.map((d) => ({
      name: d.name,
      metric: d.metric,
      measured: NaN,
      target: d.target,
      comparison: d.comparison,
      met: false,
      margin: NaN,
    })),
    measured: [],
    metCount: 0,
    shareMet: 0,
    grade: 'F',
  };
}

/**
 * Checks every target with a measured value. Grade = gradeFromShare(met / measured); with nothing
 * measured the share is 0 (grade F): no target has been shown to be met.
 */
export function evaluateTargetsInto(values: MeasuredValues, set: TargetEvaluationSet): TargetEvaluationSet {
  // `measured` is rewritten in place (its length changes only when the set of measured targets does).
  let k = 0;
  let met = 0;
  for (let i = 0; i < TARGET_DEFINITIONS.length; i++) {
    const d = TARGET_DEFINITIONS[i];
    const e = set.all[i];
    const v = values[d.field];
    e.measured = v;
    if (Number.isNaN(v)) {
      e.met = false;
      e.margin = NaN;
      continue;
    }
    e.margin = d.comparison === '<=' ? d.target - v : v - d.target;
    e.met = e.margin >= 0;
    if (e.met) met++;
    if (set.measured[k] !== e) set.measured[k] = e;
    k++;
  }
  if (set.measured.length !== k) set.measured.length = k;
  set.metCount = met;
  set.shareMet = k === 0 ? 0 : met / k;
  set.grade = gradeFromShare(set.shareMet);
  return set;
}

/** "main thread p99 6.1 ms > 2 ms": the missed comparison with both numbers. */
export function describeMiss(d: TargetDefinition, measured: number): string {
  const op = d.comparison === '<=' ? '>' : '<';
  return `${d.label} ${formatNumber(measured / d.scale, d.digits)}${d.unit} ${op} ${formatNumber(d.target / d.scale, d.digits)}${d.unit}`;
}

function formatNumber(v: number, digits: number): string {
  // The target keeps its own digits (0.85, 0.1, 2) when they are fewer than the display precision.
  const fixed = v.toFixed(digits);
  return Number(fixed) === v ? String(v) : fixed;
}
