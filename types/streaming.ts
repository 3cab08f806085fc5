/**
 * Streaming types shared by the engine, the workers, the renderer and the benchmarks.
 * Units: distances in blocks, times in ms, sizes in bytes unless a name says otherwise.
 */
import type { PerformanceGrade } from '@/config/streamingConfig';

export type { ChunkStreamingConfig, LoadingPriority, StreamingMode, PerformanceGrade } from '@/config/streamingConfig';

/** A plain 3-vector (world units); three.js Vector3 satisfies it. */
export interface Vec3Like {
  x: number;
  y: number;
  z: number;
}

/** A chunk mesh (see ARCHITECTURE.md "Mesher"): 2 uint32 per quad; solid quads first, then translucent. */
export interface ChunkMesh {
  quads: Uint32Array;
  quadCount: number;
  solidQuadCount: number;
}

/** Life cycle of one chunk in the manager (the seed's enum). */
export enum ChunkLoadState {
  UNLOADED = 'unloaded',
  QUEUED = 'queued',
  /** Being read back from the cache (decompress task). */
  LOADING = 'loading',
  GENERATING = 'generating',
  MESHING = 'meshing',
  /** Voxels and mesh present, waiting for the per-frame apply budget to hand it to the renderer. */
  READY = 'ready',
  /** Handed to the renderer: counts as ready in the spec's sense. */
  RENDERED = 'rendered',
  UNLOADING = 'unloading',
  /** Gave up after maxRetries: shown in the metrics, retried when wanted again later. */
  FAILED = 'failed',
}

/** Where finished chunk meshes go: the three.js renderer in the browser, a GPU stand-in in benchmarks. */
export interface ChunkRenderSink {
  /** Adds or replaces the mesh of a chunk. The sink may keep `mesh.quads` (it is not reused by the caller). */
  addChunk(key: string, cx: number, cy: number, cz: number, mesh: ChunkMesh): void;
  removeChunk(key: string): void;
}

export type BackgroundTaskType = 'generate' | 'mesh' | 'compress' | 'decompress';

/** The seed's ChunkStreamingMetrics, with the spec's definitions. */
export interface ChunkStreamingMetrics {
  loadedChunkCount: number;
  loadingQueueSize: number;
  /** memory / memoryBudget, in [0, 1]. */
  memoryPressure: number;
  cacheHitRatio: number;
  /** Mean ms from first request to ready over recent chunks. */
  averageLoadTime: number;
  /** 1 - wastedWork. */
  streamingEfficiency: number;
  /** readyOnArrival. */
  predictiveAccuracy: number;
  performanceGrade: PerformanceGrade;
}
