/**
 * One chunk as the streaming manager tracks it. Memory of a chunk: see chunkMemoryBytes.
 */
import { CHUNK_VOXEL_BYTES, chunkKey } from '@/types/chunk';
import { ChunkLoadState, type ChunkMesh } from '@/types/streaming';
import type { IndexedChunk } from './ChunkIndex';

export interface TaskRef {
  readonly id: number;
}

export interface ChunkRecord extends IndexedChunk {
  readonly key: string;
  state: ChunkLoadState;
  /**
   * Full voxels, resident only for edited (dirty) chunks and edits in progress; null otherwise (a clean
   * chunk keeps its encoded `bytes`, ~1 KiB instead of 64 KiB).
   */
  voxels: Uint16Array | null;
  /** The chunk's voxels encoded (utils/compression/chunkCodec.ts); null for edited chunks until re-encoded. */
  bytes: Uint8Array | null;
  /** Edits (local index, id pairs) waiting for the voxels to be decoded by a worker. */
  pendingEdits: number[];
  /** Uniform block id, or -1. Meaningful once voxels are known. */
  uniform: number;
  voxelsKnown: boolean;
  /** Quads of the mesh handed to the renderer (which owns the buffer). */
  meshQuads: number;
  /** Mesh handed to the renderer (non-empty meshes only are sent to the sink). */
  inSink: boolean;
  /** Hash of the border slice the mesh was built with, per face (see the worker API). */
  borderHashes: Uint32Array | null;
  /** Level of detail of the shown mesh: 0 full, 1 from 2x downsampled voxels. */
  lod: 0 | 1;
  /** Edited at run time: never dropped silently. */
  dirty: boolean;
  urgency: number;
  /** Seconds until needed along the predicted path (Infinity when off the path), as of `pathStampMs`. */
  pathTime: number;
  pathStampMs: number;
  /** Frame number at which the chunk was last in the required set. */
  requiredFrame: number;
  /** ms since when it has been beyond unloadDistance and unwanted; -1 when not. */
  farSinceMs: number;
  /** ms of the first request of the current load; -1 when not requested. */
  requestedAtMs: number;
  task: TaskRef | null;
  /** A remesh is wanted once the current task completes (a neighbour's border changed). */
  remeshPending: boolean;
  /** Index in the completed-results heap, -1 when not queued there. */
  heapIndex: number;
  heapSeq: number;
  /** Result waiting in the apply queue. */
  pendingResult: PendingResult | null;
  failedAttempts: number;
  /** In the manager's unload queue. */
  unloadQueued: boolean;
  /** ms when it last gave up (state FAILED). */
  failedAtMs: number;
  memoryBytes: number;
}

export interface PendingResult {
  kind: 'load' | 'remesh';
  uniform: number;
  bytes: Uint8Array | null;
  voxels: Uint16Array | null;
  mesh: ChunkMesh;
  borderHashes: Uint32Array | null;
  fromCache: boolean;
  lod: 0 | 1;
}

export function createChunkRecord(cx: number, cy: number, cz: number): ChunkRecord {
  return {
    cx,
    cy,
    cz,
    key: chunkKey(cx, cy, cz),
    slot: -1,
    denseIndex: -1,
    state: ChunkLoadState.UNLOADED,
    voxels: null,
    bytes: null,
    pendingEdits: [],
    uniform: -1,
    voxelsKnown: false,
    meshQuads: 0,
    inSink: false,
    borderHashes: null,
    lod: 0,
    dirty: false,
    urgency: -Infinity,
    pathTime: Infinity,
    pathStampMs: 0,
    requiredFrame: -2,
    farSinceMs: -1,
    requestedAtMs: -1,
    task: null,
    remeshPending: false,
    heapIndex: -1,
    heapSeq: 0,
    pendingResult: null,
    failedAttempts: 0,
    unloadQueued: false,
    failedAtMs: -1,
    memoryBytes: 0,
  };
}

/**
 * Bytes a loaded chunk holds: resident voxels (64 KiB), encoded voxels, and its mesh (8 bytes per quad,
 * held by the renderer: the spec counts mesh buffers).
 */
export function chunkMemoryBytes(r: ChunkRecord): number {
  return (r.voxels ? CHUNK_VOXEL_BYTES : 0) + (r.bytes ? r.bytes.byteLength : 0) + r.meshQuads * 8;
}

export function isReady(r: ChunkRecord): boolean {
  return r.state === ChunkLoadState.RENDERED;
}
