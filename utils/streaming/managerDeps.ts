/**
 * What the ChunkStreamingManager needs from its collaborators, as structural types so tests can
 * inject hand-stepped versions. The real ones: BackgroundProcessor, ChunkCacheManager,
 * StreamingPerformanceMonitor, PredictiveLoadingEngine.
 */
import type { BackgroundTaskType, ChunkMesh, ChunkRenderSink } from '@/types/streaming';

export interface StreamingClock {
  /** Milliseconds, monotonic (performance.now() in the browser). */
  now(): number;
}

export interface TaskHandleLike {
  readonly id: number;
}

export interface PreparedTask {
  type?: BackgroundTaskType;
  request: unknown;
  transfer: Transferable[];
}

export interface ManagerTask {
  type: BackgroundTaskType;
  priority: number;
  prepare: (attempt: number) => PreparedTask;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  onComplete: (result: any, info?: unknown) => void;
  onError: (error: unknown, info?: unknown) => void;
  onCancelledResult?: (result: unknown) => void;
  retryable?: (error: Error) => boolean;
}

export interface ManagerProcessor {
  submit(task: ManagerTask): TaskHandleLike;
  setPriority(handle: TaskHandleLike, priority: number): void;
  cancel(handle: TaskHandleLike): boolean;
}

export interface ManagerCacheEntry {
  key: string;
  bytes: Uint8Array;
  checksum: number;
  rawBytes: number;
  uniform: number;
  dirty: boolean;
}

export interface ManagerCacheMetrics {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  revisitHits: number;
  revisitMisses: number;
  compressedBytes?: number;
  rawBytes?: number;
}

export interface ManagerCache {
  /** Bytes held (entries + per-entry overhead). */
  readonly bytes: number;
  get(key: string, revisit: boolean): ManagerCacheEntry | null;
  has(key: string): boolean;
  put(entry: ManagerCacheEntry): unknown;
  reportCorrupt(key: string): void;
  remove(key: string): unknown;
  getCacheMetrics(out?: any): ManagerCacheMetrics; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface ManagerMonitor {
  markRunStart(nowMs: number): void;
  markInitialLoadComplete(nowMs: number): void;
  recordFrame(nowMs: number, mainThreadMs: number, requiredCount: number, holeCount: number): void;
  recordChunkLoad(loadMs: number): void;
  recordArrival(readyOnEntry: boolean): void;
  recordTaskCompleted(type: BackgroundTaskType): void;
  recordWasted(type: BackgroundTaskType): void;
  recordCancelled(): void;
  recordFailed(): void;
  setCacheStats(stats: {
    hits: number;
    misses: number;
    revisitHits: number;
    revisitMisses: number;
    compressedBytes: number;
    rawBytes: number;
    entries: number;
    bytes: number;
  }): void;
  setMemory(bytes: number, budgetBytes: number): void;
  setCounts(counts: Record<string, number>): void;
}

export interface ManagerPredictor {
  record(timeMs: number, x: number, y: number, z: number, vx: number, vy: number, vz: number): void;
  predict(): { confidence: number };
  samplePath(out: Float64Array, maxDistance: number, stepBlocks: number): number;
  recordArrival(readyOnEntry: boolean): void;
  reset(): void;
}

/** What a generate / decompress / mesh task returns (see ARCHITECTURE.md, worker API). */
export interface WorkerChunkResult {
  uniform: number;
  voxels?: Uint16Array | null;
  mesh: ChunkMesh | null;
  borderHashes?: Uint32Array | null;
  /** Level of detail the mesh was built at (absent = 0). */
  lod?: 0 | 1;
  /** With `encode` (generate): the voxels encoded. */
  encoded?: { bytes: Uint8Array; checksum: number; rawBytes: number };
}

export interface StreamingDeps {
  sink: ChunkRenderSink;
  processor: ManagerProcessor;
  clock: StreamingClock;
  cache?: ManagerCache;
  monitor?: ManagerMonitor;
  predictor?: ManagerPredictor;
}
