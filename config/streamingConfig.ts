/**
 * Streaming configuration, its defaults, validation, and the performance targets.
 * Units: distances in blocks (1 block = 1 m), times in milliseconds, sizes in MB (2^20 bytes)
 * unless a name says otherwise. Ranges below are inclusive.
 */

export type LoadingPriority = 'proximity' | 'direction' | 'adaptive';
export type StreamingMode = 'aggressive' | 'balanced' | 'conservative';

export interface ChunkStreamingConfig {
  /** Radius (blocks) of the load sphere: every chunk whose box is this close to the player is wanted. */
  loadDistance: number;
  /** Chunks whose box is farther than this (blocks) for `unloadingLatency` ms are unloaded. Must exceed loadDistance (hysteresis). */
  unloadDistance: number;
  /** How far ahead along the predicted path (blocks) chunks are preloaded beyond the load sphere. */
  preloadDistance: number;
  /** Hard cap on loaded chunks (uniform ones included). Past it the farthest chunks go first. */
  maxLoadedChunks: number;
  loadingPriority: LoadingPriority;
  /** Sets per-frame budget, preload reach and tasks in flight per worker: see resolveStreamingBudgets. */
  streamingMode: StreamingMode;
  enablePredictiveLoading: boolean;
  /** true: generation and meshing run on worker threads; false: on the main thread within the frame budget. */
  enableBackgroundGeneration: boolean;
  /** Byte budget (MB) of the cache of unloaded chunks' voxels. */
  chunkCacheSize: number;
  /** Worker threads for generation, meshing and compression. */
  streamingThreads: number;
  /**
   * Chunks beyond max(seamlessTransitionRadius + 64, loadDistance / 2) blocks are meshed from 2x
   * downsampled voxels (about a quarter to half the quads), and remeshed at full detail when the player
   * comes within 16 blocks of that distance.
   */
  enableLevelOfDetail: boolean;
  /** Cache entries are palette/run-length encoded then deflated (in the workers). */
  compressionEnabled: boolean;
  /** World seed (uint32) of the terrain generator. */
  worldSeed: number;
  /** Milliseconds per frame the main thread may spend applying finished results (balanced mode). */
  maxQueueProcessingTime: number;
  /** Milliseconds a chunk must stay beyond unloadDistance before it is unloaded. */
  unloadingLatency: number;
  /** Hard limit (MB) on loaded chunks' voxels and meshes plus the cache. */
  memoryBudget: number;
  /** Attempts after the first for a failing worker task. */
  maxRetries: number;
  /** First retry delay (ms); doubles each retry. */
  retryBaseDelay: number;
  /** A worker task running longer than this (ms) is presumed lost: the worker is replaced and the task requeued. */
  taskTimeout: number;
  /** Radius (blocks) of the required set: chunks that must be ready every frame. */
  seamlessTransitionRadius: number;
  /** Radius (blocks) loaded before the initial load counts as complete. */
  responsiveDistance: number;
}

export const DEFAULT_STREAMING_THREADS = (): number => {
  const hc = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  return Math.max(1, hc - 1);
};

/**
 * Defaults. A 208-block sphere holds about 1,500 chunk positions; most above the terrain are uniform
 * air. Clean loaded chunks are held as their encoded voxels (~0.6 KiB at the measured compression
 * ratio of ~0.01) plus their quads (~10 KiB), so loaded chunks cost ~10-15 MB in all. The cache of
 * unloaded chunks holds ~13,000 chunks in 8 MB (a flight of several kilometres to come back along);
 * it fills within about a minute of exploring at 60 blocks/s and then stays at its budget.
 */
export const DEFAULT_STREAMING_CONFIG: Readonly<ChunkStreamingConfig> = Object.freeze({
  loadDistance: 208,
  unloadDistance: 256,
  preloadDistance: 320,
  maxLoadedChunks: 4096,
  loadingPriority: 'adaptive',
  streamingMode: 'balanced',
  enablePredictiveLoading: true,
  enableBackgroundGeneration: true,
  chunkCacheSize: 8,
  streamingThreads: DEFAULT_STREAMING_THREADS(),
  enableLevelOfDetail: false,
  compressionEnabled: true,
  worldSeed: 1337,
  maxQueueProcessingTime: 1.5,
  unloadingLatency: 2000,
  memoryBudget: 192,
  maxRetries: 3,
  retryBaseDelay: 100,
  taskTimeout: 10_000,
  seamlessTransitionRadius: 100,
  responsiveDistance: 200,
} satisfies ChunkStreamingConfig);

type NumberRule = { kind: 'number'; min: number; max: number; integer?: boolean; unit: string };
type EnumRule = { kind: 'enum'; values: readonly string[] };
type BoolRule = { kind: 'boolean' };
type Rule = NumberRule | EnumRule | BoolRule;

/** Allowed values of every field (inclusive ranges). */
export const STREAMING_CONFIG_RULES: Readonly<Record<keyof ChunkStreamingConfig, Rule>> = {
  loadDistance: { kind: 'number', min: 32, max: 1024, unit: 'blocks' },
  unloadDistance: { kind: 'number', min: 33, max: 2048, unit: 'blocks' },
  preloadDistance: { kind: 'number', min: 0, max: 4096, unit: 'blocks' },
  maxLoadedChunks: { kind: 'number', min: 27, max: 262_144, integer: true, unit: 'chunks' },
  loadingPriority: { kind: 'enum', values: ['proximity', 'direction', 'adaptive'] },
  streamingMode: { kind: 'enum', values: ['aggressive', 'balanced', 'conservative'] },
  enablePredictiveLoading: { kind: 'boolean' },
  enableBackgroundGeneration: { kind: 'boolean' },
  chunkCacheSize: { kind: 'number', min: 0.0625, max: 4096, unit: 'MB' },
  streamingThreads: { kind: 'number', min: 1, max: 64, integer: true, unit: 'threads' },
  enableLevelOfDetail: { kind: 'boolean' },
  compressionEnabled: { kind: 'boolean' },
  worldSeed: { kind: 'number', min: 0, max: 0xffffffff, integer: true, unit: '' },
  maxQueueProcessingTime: { kind: 'number', min: 0.1, max: 50, unit: 'ms' },
  unloadingLatency: { kind: 'number', min: 0, max: 600_000, unit: 'ms' },
  memoryBudget: { kind: 'number', min: 8, max: 65_536, unit: 'MB' },
  maxRetries: { kind: 'number', min: 0, max: 20, integer: true, unit: 'retries' },
  retryBaseDelay: { kind: 'number', min: 0, max: 60_000, unit: 'ms' },
  taskTimeout: { kind: 'number', min: 100, max: 600_000, unit: 'ms' },
  seamlessTransitionRadius: { kind: 'number', min: 0, max: 1024, unit: 'blocks' },
  responsiveDistance: { kind: 'number', min: 0, max: 2048, unit: 'blocks' },
};

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Checks one field; returns an error message naming the field, the value and the allowed range, or null. */
export function checkConfigField(field: string, value: unknown, prefix = 'ChunkStreamingConfig'): string | null {
  const rule = (STREAMING_CONFIG_RULES as Record<string, Rule>)[field];
  if (!rule) return `${prefix}: unknown field "${field}"`;
  if (rule.kind === 'boolean') {
    return typeof value === 'boolean' ? null : `${prefix}: ${field} must be true or false, got ${describe(value)}`;
  }
  if (rule.kind === 'enum') {
    return typeof value === 'string' && rule.values.includes(value)
      ? null
      : `${prefix}: ${field} must be one of ${rule.values.join(' | ')}, got ${describe(value)}`;
  }
  const unit = rule.unit ? ' ' + rule.unit : '';
  const range = `${rule.integer ? 'an integer' : 'a number'} in [${rule.min}, ${rule.max}]${unit}`;
  if (typeof value !== 'number' || !Number.isFinite(value) || (rule.integer && !Number.isInteger(value))) {
    return `${prefix}: ${field} must be ${range}, got ${describe(value)}`;
  }
  if (value < rule.min || value > rule.max) return `${prefix}: ${field} must be ${range}, got ${describe(value)}`;
  return null;
}

/**
 * Merges `partial` over the defaults and validates every field. Throws an Error naming the first
 * bad field, its value and the allowed range; `errors` on the thrown error lists all of them.
 */
export function resolveStreamingConfig(
  partial: Partial<ChunkStreamingConfig> = {},
  prefix = 'ChunkStreamingConfig',
): ChunkStreamingConfig {
  if (partial === null || typeof partial !== 'object') {
    throw new Error(`${prefix}: config must be an object, got ${describe(partial)}`);
  }
  const config = { ...DEFAULT_STREAMING_CONFIG, ...partial } as ChunkStreamingConfig;
  const errors: string[] = [];
  for (const key of Object.keys(partial)) {
    if (!(key in STREAMING_CONFIG_RULES)) errors.push(`${prefix}: unknown field "${key}"`);
  }
  for (const field of Object.keys(STREAMING_CONFIG_RULES) as (keyof ChunkStreamingConfig)[]) {
    const msg = checkConfigField(field, config[field], prefix);
    if (msg) errors.push(msg);
  }
  if (errors.length === 0 && !(config.unloadDistance > config.loadDistance)) {
    errors.push(
      `${prefix}: unloadDistance must be > loadDistance (${config.loadDistance} blocks) for hysteresis, got ${config.unloadDistance}`,
    );
  }
  if (errors.length > 0) {
    const err = new Error(errors[0]) as Error & { errors: string[] };
    err.errors = errors;
    throw err;
  }
  return config;
}

/** What `streamingMode` changes. */
export interface StreamingBudgets {
  /** ms per frame for applying finished results. */
  applyBudgetMs: number;
  /** blocks of predicted path preloaded beyond the load sphere. */
  preloadDistance: number;
  /** worker tasks in flight per worker (more hides message latency, but commits work earlier). */
  tasksInFlightPerWorker: number;
  /** most new tasks submitted per frame. */
  maxSubmitsPerFrame: number;
}

/**
 * aggressive: 1.5x apply budget, 1.5x preload, 8 tasks in flight per worker, 96 submits/frame.
 * balanced:   the configured values, 4 in flight, 48 submits/frame.
 * conservative: 0.5x apply budget, 0.5x preload, 2 in flight, 16 submits/frame.
 * Tasks in flight keep a worker busy while the main thread is between frames (a task sent ahead waits
 * in the worker's queue), at the cost of work that can no longer be cancelled or reordered.
 */
export function resolveStreamingBudgets(config: ChunkStreamingConfig): StreamingBudgets {
  switch (config.streamingMode) {
    case 'aggressive':
      return {
        applyBudgetMs: config.maxQueueProcessingTime * 1.5,
        preloadDistance: config.preloadDistance * 1.5,
        tasksInFlightPerWorker: 8,
        maxSubmitsPerFrame: 96,
      };
    case 'conservative':
      return {
        applyBudgetMs: config.maxQueueProcessingTime * 0.5,
        preloadDistance: config.preloadDistance * 0.5,
        tasksInFlightPerWorker: 2,
        maxSubmitsPerFrame: 16,
      };
    default:
      return {
        applyBudgetMs: config.maxQueueProcessingTime,
        preloadDistance: config.preloadDistance,
        tasksInFlightPerWorker: 4,
        maxSubmitsPerFrame: 48,
      };
  }
}

/**
 * Performance targets. The seed's structure is kept; values the project's issues set more
 * strictly are used instead (noted per line). All are checked against measured values only.
 */
export const CHUNK_STREAMING_TARGETS = {
  LOADING_PERFORMANCE: {
    maxChunkLoadTime: 100, // ms, chunkLoadMs p50 (request -> ready)
    maxQueueProcessingTime: 5, // ms, the seed's per-frame ceiling; see MAIN_THREAD for the stricter figures
    targetCacheHitRatio: 0.85, // cacheHitRatio over all lookups
    maxMemoryPressure: 0.8, // memory / memoryBudget
    maxInitialLoadMs: 1500, // ms until every chunk within responsiveDistance is ready
  },
  STREAMING_EFFICIENCY: {
    maxLoadedChunks: 4096, // the seed's 512 cannot hold a 200-block sphere (~1,400 chunk positions)
    predictiveAccuracy: 0.7, // readyOnArrival
    loadingQueueEfficiency: 0.75, // streamingEfficiency = 1 - wastedWork (issue: wastedWork <= 0.25)
    unloadingLatency: 2000, // ms before unloading
  },
  MEMORY_MANAGEMENT: {
    maxCacheSize: 500, // MB
    targetCompressionRatio: 0.1, // compressed / raw bytes (the seed asked 0.4; the issue 0.1)
    maxPeakMemoryBytes: 200 * 1024 * 1024,
    targetRevisitHitRatio: 0.95,
  },
  MAIN_THREAD: {
    p99Ms: 2, // mainThreadMs p99
    maxMs: 8, // mainThreadMs max
  },
  USER_EXPERIENCE: {
    maxLoadingInterruptions: 0, // holeChunkFrames
    seamlessTransitionRadius: 100, // blocks
    maxFrameDrops: 0,
    responsiveDistance: 200, // blocks
  },
} as const;

/**
 * Grade mapping: the share of targets met among those with a measured value.
 * A >= 0.9, B >= 0.75, C >= 0.6, D >= 0.4, otherwise F.
 */
export const GRADE_THRESHOLDS = [
  { grade: 'A', minShareMet: 0.9 },
  { grade: 'B', minShareMet: 0.75 },
  { grade: 'C', minShareMet: 0.6 },
  { grade: 'D', minShareMet: 0.4 },
] as const;

export type PerformanceGrade = 'A' | 'B' | 'C' | 'D' | 'F';

export function gradeFromShare(shareMet: number): PerformanceGrade {
  for (const t of GRADE_THRESHOLDS) if (shareMet >= t.minShareMet) return t.grade;
  return 'F';
}
