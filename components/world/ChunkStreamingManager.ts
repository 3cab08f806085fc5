/**
 * ChunkStreamingManager: decides, every frame, which chunks must exist around the player, asks the
 * worker pool for them in order of urgency, hands finished meshes to the renderer within a per-frame
 * budget, and drops what is far behind. No React in here: the browser calls `updateStreaming` from
 * the R3F loop, the benchmark from its own 60 Hz loop.
 *
 * Per frame (`updateStreaming(position, velocity, deltaTime, view)`):
 *  1. record the movement sample in the predictor (bad input is rejected with a counted warning);
 *  2. when the player changed chunk, or every WANTED_REFRESH_MS, recompute the wanted set, one phase per
 *     frame (WANTED_RECOMPUTE_FRAMES; all at once after a teleport): every chunk whose box is within
 *     loadDistance, plus the chunks that the predicted path brings within the required radius up to
 *     preloadDistance beyond the load sphere; queued tasks of chunks no longer wanted are cancelled;
 *  3. re-prioritise queued tasks from the current position, submit new ones (highest urgency first);
 *  4. apply finished results, highest urgency first, for at most the mode's apply budget (ms, measured
 *     with the clock; at least one result per frame so progress never stops);
 *  5. count the required set (holes, arrivals, initial load);
 *  6. sweep UNLOAD_SCAN_SLICE records: chunks beyond unloadDistance (unwanted) for unloadingLatency ms
 *     are unloaded, at most MAX_UNLOADS_PER_FRAME per frame; each full sweep enforces maxLoadedChunks and
 *     the memory budget (farthest first, never the required set).
 * Per-frame work allocates nothing on the steady path; the heavy passes are spread over frames.
 * Units: blocks, seconds for deltaTime and predictions, ms for the clock.
 */
import {
  type ChunkStreamingConfig,
  type StreamingBudgets,
  resolveStreamingBudgets,
  resolveStreamingConfig,
} from '@/config/streamingConfig';
import { CHUNK_SIZE, CHUNK_VOXEL_BYTES, FACE_DIRS, OPPOSITE_FACE, chunkKey } from '@/types/chunk';
import { ChunkLoadState, type ChunkMesh, type ChunkRenderSink, type Vec3Like } from '@/types/streaming';
import { ChunkIndex } from '@/utils/streaming/ChunkIndex';
import { VisitedChunks } from '@/utils/streaming/VisitedChunks';
import { chunkOffsetsWithin, chunkBoxDistanceSq, chunkOf, isFiniteVec } from '@/utils/streaming/StreamingUtils';
import { chunkUrgency, createPriorityFrame } from '@/utils/streaming/chunkPriority';
import { type ChunkRecord, type PendingResult, chunkMemoryBytes, createChunkRecord } from '@/utils/streaming/chunkRecord';
import type { ManagerCacheEntry, StreamingDeps, TaskHandleLike, WorkerChunkResult } from '@/utils/streaming/managerDeps';
import { extractOuterLayer } from '@/utils/streaming/borders';
import { BORDER_HASH_NONE, hashNeighbourFace } from '@/utils/workers/borderHash';
import { encodeChunk, isChunkCorruptError, readChunkHeader, type ChunkHeaderInfo } from '@/utils/compression/chunkCodec';

/** ms between full recomputations of the wanted set while the player stays in one chunk. */
export const WANTED_REFRESH_MS = 250;
/** Frames a wanted-set recompute is spread over (see runRecomputePhase); the backlog is ready after them. */
export const WANTED_RECOMPUTE_FRAMES = 4;
/** Records the unload sweep visits per frame (a quarter of it in frames with a recompute phase). */
export const UNLOAD_SCAN_SLICE = 512;
/** Blocks inside lodDistance at which a LOD chunk is remeshed at full detail. */
export const LOD_HYSTERESIS_BLOCKS = 16;
/** Frames between pushes of cache/count statistics to the monitor. */
const STATS_EVERY_FRAMES = 15;
/** Most chunks unloaded per frame (a scan's unloads are spread over the following frames). */
export const MAX_UNLOADS_PER_FRAME = 24;
/** Blocks between predicted path samples. */
export const PATH_STEP_BLOCKS = 24;
/** Path samples below this confidence are not preloaded. */
const MIN_PATH_CONFIDENCE = 0.05;
/** Most path samples considered. */
const MAX_PATH_SAMPLES = 256;
/** Blocks moved in one frame beyond which the move is a teleport (the predictor's history is reset). */
export const TELEPORT_JUMP_BLOCKS = 64;
/** ms after a chunk gave up (maxRetries) before it is requested again while still wanted. */
export const FAILED_RETRY_MS = 5000;

export interface FixedArea {
  /** Centre column (chunk coordinates). */
  cx: number;
  cz: number;
  /** Horizontal radius in chunks (square). */
  radiusChunks: number;
  cyMin: number;
  cyMax: number;
}

export interface ChunkStreamingManagerOptions extends StreamingDeps {
  config?: Partial<ChunkStreamingConfig>;
  /** Streaming off: load this fixed area once, never unload (`streaming=off`). */
  fixedArea?: FixedArea;
  /** Warnings (bad input, failed chunks); defaults to console.warn. */
  warn?: (message: string) => void;
}

export interface LoadingProgress {
  ready: number;
  needed: number;
  complete: boolean;
  initialLoadMs: number | null;
}

const byUrgencyDesc = (a: ChunkRecord, b: ChunkRecord) => b.urgency - a.urgency;

export class ChunkStreamingManager {
  readonly config: Readonly<ChunkStreamingConfig>;
  readonly budgets: Readonly<StreamingBudgets>;
  private readonly deps: StreamingDeps;
  private readonly sink: ChunkRenderSink;
  private readonly fixedArea: FixedArea | null;
  private readonly warn: (message: string) => void;
  private readonly index = new ChunkIndex<ChunkRecord>();
  private readonly prio = createPriorityFrame();
  private readonly pathBuf = new Float64Array(MAX_PATH_SAMPLES * 5);
  private pathCount = 0;
  private pathStampMs = -1;
  private readonly completed: ChunkRecord[] = [];
  private readonly candidates: ChunkRecord[] = [];
  /** Records to submit, most urgent first (rebuilt on recomputes), and the next position in it. */
  private readonly backlog: ChunkRecord[] = [];
  private backlogPos = 0;
  /** Records whose task is queued in the pool (their priority follows the player every frame). */
  private readonly queuedRecords: ChunkRecord[] = [];
  /** Chunks past unloadDistance for unloadingLatency, unloaded a few per frame. */
  private readonly unloadQueue: ChunkRecord[] = [];
  private unloadPos = 0;
  private readonly pendingCompress = new Map<string, { dirty: boolean; bytes: number }>();
  private pendingCompressBytes = 0;
  /** Chunks loaded earlier in the run (revisitHitRatio). */
  private readonly visited = new VisitedChunks();
  private readonly headerScratch = {} as ChunkHeaderInfo;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private cacheMetricsScratch: any = undefined;
  private readonly loadOffsets;
  private readonly requiredOffsets;
  private readonly responsiveOffsets;
  /** Blocks beyond which chunks are meshed at LOD (enableLevelOfDetail). */
  readonly lodDistance: number;

  private frame = 0;
  private px = NaN;
  private py = NaN;
  private pz = NaN;
  private pcx = NaN;
  private pcy = NaN;
  private pcz = NaN;
  private lastWantedMs = -Infinity;
  private lastWantedFrame = -1;
  /** Phase of the wanted-set recompute to run this frame (0: none under way); see runRecomputePhase. */
  private recomputePhase = 0;
  /** Frame at which a stats push became due (-1: none due). */
  private statsDueFrame = -1;
  /** Next record (dense index) of the unload sweep. */
  private scanCursor = 0;
  private startMs = -1;
  private initialLoadMs: number | null = null;
  private progressReady = 0;
  private progressNeeded = 0;
  private loadedBytes = 0;
  private callbackMs = 0;
  private invalidInputs = 0;
  private disposed = false;
  private lastMainThreadMs = 0;
  private requiredCount = 0;
  private holeCount = 0;
  private fixedAreaQueued = false;
  private dirtyCount = 0;
  private failedCount = 0;

  constructor(options: ChunkStreamingManagerOptions) {
    this.config = Object.freeze(resolveStreamingConfig(options.config ?? {}, 'ChunkStreamingManager'));
    this.budgets = Object.freeze(resolveStreamingBudgets(this.config));
    this.deps = options;
    this.sink = options.sink;
    this.fixedArea = options.fixedArea ?? null;
    this.warn = options.warn ?? ((m) => console.warn(m));
    this.loadOffsets = chunkOffsetsWithin(this.config.loadDistance);
    this.requiredOffsets = chunkOffsetsWithin(this.config.seamlessTransitionRadius);
    this.responsiveOffsets = chunkOffsetsWithin(this.config.responsiveDistance);
    // LOD starts halfway out, and never within 64 blocks past the required radius.
    this.lodDistance = Math.max(this.config.seamlessTransitionRadius + 64, this.config.loadDistance / 2);
  }

  // ------------------------------------------------------------------ per frame

  /**
   * Once per frame. position in blocks (world, float64), velocity in blocks/s, deltaTime in s,
   * view a unit direction (may be null). Never throws for bad input: a non-finite position or
   * velocity is counted, warned about once per 100, and the frame is skipped.
   */
  updateStreaming(position: Vec3Like, velocity: Vec3Like, deltaTime: number, view?: Vec3Like | null): void {
    if (this.disposed) return;
    const clock = this.deps.clock;
    const t0 = clock.now();
    if (!isFiniteVec(position.x, position.y, position.z) || !isFiniteVec(velocity.x, velocity.y, velocity.z)) {
      if (this.invalidInputs++ % 100 === 0) {
        this.warn(
          `ChunkStreamingManager: position and velocity must be finite numbers, got position (${position.x}, ${position.y}, ${position.z}) velocity (${velocity.x}, ${velocity.y}, ${velocity.z}); frame skipped`,
        );
      }
      return;
    }
    this.frame++;
    if (this.startMs < 0) {
      this.startMs = t0;
      this.deps.monitor?.markRunStart(t0);
    }
    let teleported = false;
    if (this.frame > 1) {
      const jx = position.x - this.px;
      const jy = position.y - this.py;
      const jz = position.z - this.pz;
      // A jump no movement could make in one frame is a teleport: the movement history no longer applies.
      if (jx * jx + jy * jy + jz * jz > TELEPORT_JUMP_BLOCKS * TELEPORT_JUMP_BLOCKS) {
        this.deps.predictor?.reset();
        teleported = true;
      }
    }
    this.px = position.x;
    this.py = position.y;
    this.pz = position.z;
    this.updatePriorityFrame(velocity, view ?? null, t0);

    const cx = chunkOf(this.px);
    const cy = chunkOf(this.py);
    const cz = chunkOf(this.pz);
    const moved = cx !== this.pcx || cy !== this.pcy || cz !== this.pcz;
    // At most one recompute phase per frame; the unload sweep takes a smaller slice and the stats wait
    // in frames that carry one.
    let heavy = true;
    if (teleported || (this.recomputePhase === 0 && (moved || t0 - this.lastWantedMs >= WANTED_REFRESH_MS))) {
      this.pcx = cx;
      this.pcy = cy;
      this.pcz = cz;
      this.lastWantedMs = t0;
      this.lastWantedFrame = this.frame;
      this.recomputePhase = 1;
    }
    if (teleported) {
      // Everything wanted changed: recompute at once, so stale queued work is cancelled before it runs.
      while (this.recomputePhase > 0) this.runRecomputePhase(t0);
    } else if (this.recomputePhase > 0) this.runRecomputePhase(t0);
    else heavy = false;
    if (this.recomputePhase !== 4) this.reprioritiseQueued(t0); // phase 3 just re-prioritised everything
    this.submit(t0);
    this.applyResults(t0);
    this.countRequired(t0);
    this.unloadScan(t0, heavy ? UNLOAD_SCAN_SLICE / 4 : UNLOAD_SCAN_SLICE);
    this.drainUnloads();
    const t1 = clock.now();
    const mainMs = t1 - t0 + this.callbackMs;
    this.callbackMs = 0;
    this.lastMainThreadMs = mainMs;
    const m = this.deps.monitor;
    if (m) {
      m.recordFrame(t1, mainMs, this.requiredCount, this.holeCount);
      m.setMemory(this.memoryBytes(), this.config.memoryBudget * 1024 * 1024);
      if (this.frame % STATS_EVERY_FRAMES === 0 && this.statsDueFrame < 0) this.statsDueFrame = this.frame;
      if (this.statsDueFrame >= 0 && (!heavy || this.frame - this.statsDueFrame >= STATS_EVERY_FRAMES)) {
        this.statsDueFrame = -1;
        this.pushStats();
      }
    }
  }

  private updatePriorityFrame(velocity: Vec3Like, view: Vec3Like | null, nowMs: number): void {
    const f = this.prio;
    f.mode = this.config.loadingPriority;
    f.px = this.px;
    f.py = this.py;
    f.pz = this.pz;
    f.requiredRadius = this.config.seamlessTransitionRadius;
    const speed = Math.sqrt(velocity.x * velocity.x + velocity.y * velocity.y + velocity.z * velocity.z);
    f.speed = speed;
    if (speed > 0.5) {
      f.dirX = velocity.x / speed;
      f.dirY = velocity.y / speed;
      f.dirZ = velocity.z / speed;
    } else if (view && isFiniteVec(view.x, view.y, view.z)) {
      const l = Math.sqrt(view.x * view.x + view.y * view.y + view.z * view.z) || 1;
      f.dirX = view.x / l;
      f.dirY = view.y / l;
      f.dirZ = view.z / l;
    } else {
      f.dirX = f.dirY = f.dirZ = 0;
    }
    const predictor = this.deps.predictor;
    if (predictor && this.config.enablePredictiveLoading) {
      predictor.record(nowMs, this.px, this.py, this.pz, velocity.x, velocity.y, velocity.z);
      const p = predictor.predict();
      f.confidence = p.confidence;
    } else {
      f.confidence = 0;
    }
  }

  // ------------------------------------------------------------------ wanted set

  /**
   * One phase of the wanted-set recompute per frame (spreading its cost): 1 marks the load sphere,
   * 2 the predicted path (records are stamped, in the index, with the frame that started the recompute), 3 cancels
   * queued work no longer wanted and re-prioritises what waits, 4 rebuilds the backlog.
   */
  private runRecomputePhase(nowMs: number): void {
    const frame = this.lastWantedFrame;
    switch (this.recomputePhase) {
      case 1:
        this.markLoadSphere(frame);
        this.recomputePhase = 2;
        break;
      case 2:
        if (!this.fixedArea && this.deps.predictor && this.config.enablePredictiveLoading && this.budgets.preloadDistance > 0) {
          this.wantPredictedPath(nowMs, frame);
        }
        this.recomputePhase = 3;
        break;
      case 3:
        this.cancelUnwanted(frame);
        this.reprioritise(nowMs);
        this.recomputePhase = 4;
        break;
      default:
        this.rebuildBacklog(nowMs);
        this.recomputePhase = 0;
    }
  }

  /** Marks (and creates) the records of every chunk whose box is within loadDistance of the player. */
  private markLoadSphere(frame: number): void {
    if (this.fixedArea) {
      if (!this.fixedAreaQueued) this.wantFixedArea(frame);
      for (const r of this.index.dense) this.index.setStamp(r, frame);
      return;
    }
    const { px, py, pz, pcx, pcy, pcz } = this;
    const loadSq = this.config.loadDistance * this.config.loadDistance;
    const offs = this.loadOffsets.offsets;
    const n = this.loadOffsets.count;
    for (let i = 0; i < n; i++) {
      const cx = pcx + offs[i * 3];
      const cy = pcy + offs[i * 3 + 1];
      const cz = pcz + offs[i * 3 + 2];
      const dSq = chunkBoxDistanceSq(px, py, pz, cx, cy, cz);
      if (dSq > loadSq) continue;
      // The stamp lives in the index's table: marking touches no record (most are loaded and cold).
      if (!this.index.setStampAt(cx, cy, cz, frame)) this.addRecord(cx, cy, cz, frame);
    }
  }

  /** A new record at (cx,cy,cz), indexed with wanted stamp `stamp`. */
  private addRecord(cx: number, cy: number, cz: number, stamp: number): ChunkRecord {
    const r = createChunkRecord(cx, cy, cz);
    this.index.add(r);
    this.index.setStamp(r, stamp);
    return r;
  }

  /** Cancels queued work of chunks no longer wanted; forgets records that hold nothing. */
  private cancelUnwanted(frame: number): void {
    const dense = this.index.dense;
    for (let i = dense.length - 1; i >= 0; i--) {
      const r = dense[i];
      if (this.index.stampOf(r) === frame || this.fixedArea) continue;
      if (r.state === ChunkLoadState.QUEUED && r.task) {
        if (this.deps.processor.cancel(r.task as TaskHandleLike)) {
          r.task = null;
          r.state = ChunkLoadState.UNLOADED;
          r.requestedAtMs = -1;
          this.deps.monitor?.recordCancelled();
        }
      }
      if (r.state === ChunkLoadState.UNLOADED || r.state === ChunkLoadState.FAILED) {
        if (!r.task && !r.voxelsKnown) this.index.remove(r);
      }
    }
  }

  /**
   * The chunks the predicted path brings within the required radius: the path is sampled every
   * PATH_STEP_BLOCKS up to (loadDistance + preloadDistance - required radius) blocks of path, so the
   * wanted region reaches preloadDistance beyond the load sphere along the path. Only samples whose
   * required sphere pokes out of the load sphere add chunks (every other sample: spheres 48 blocks
   * apart still cover the path to within 97 blocks). When each chunk is needed along the path
   * (`pathTime`) is found in `reprioritise` for the chunks still waiting.
   */
  private wantPredictedPath(nowMs: number, frame: number): void {
    const predictor = this.deps.predictor!;
    const req = this.config.seamlessTransitionRadius;
    const load = this.config.loadDistance;
    const reach = Math.max(0, load + this.budgets.preloadDistance - req);
    const count = predictor.samplePath(this.pathBuf, reach, PATH_STEP_BLOCKS);
    this.pathCount = 0;
    this.pathStampMs = nowMs;
    const reqSq = req * req;
    const offs = this.requiredOffsets.offsets;
    const n = this.requiredOffsets.count;
    const buf = this.pathBuf;
    const { px, py, pz } = this;
    for (let s = 0; s < count; s++) {
      if (buf[s * 5 + 4] < MIN_PATH_CONFIDENCE) break;
      this.pathCount = s + 1;
      const x = buf[s * 5 + 1];
      const y = buf[s * 5 + 2];
      const z = buf[s * 5 + 3];
      if (s % 2 === 1 && s !== count - 1) continue;
      const dx = x - px;
      const dy = y - py;
      const dz = z - pz;
      if (Math.sqrt(dx * dx + dy * dy + dz * dz) + req <= load) continue; // inside the load sphere
      const ccx = chunkOf(x);
      const ccy = chunkOf(y);
      const ccz = chunkOf(z);
      for (let i = 0; i < n; i++) {
        const cx = ccx + offs[i * 3];
        const cy = ccy + offs[i * 3 + 1];
        const cz = ccz + offs[i * 3 + 2];
        if (chunkBoxDistanceSq(x, y, z, cx, cy, cz) > reqSq) continue;
        if (!this.index.setStampAt(cx, cy, cz, frame)) this.addRecord(cx, cy, cz, frame);
      }
    }
  }

  /** Seconds until the predicted path first brings chunk r within the required radius (Infinity: never). */
  private pathTimeOf(r: ChunkRecord): number {
    const buf = this.pathBuf;
    const req = this.config.seamlessTransitionRadius;
    const reqSq = req * req;
    for (let s = 0; s < this.pathCount; s++) {
      if (chunkBoxDistanceSq(buf[s * 5 + 1], buf[s * 5 + 2], buf[s * 5 + 3], r.cx, r.cy, r.cz) <= reqSq) return buf[s * 5];
    }
    return Infinity;
  }

  private wantFixedArea(frame: number): void {
    const a = this.fixedArea!;
    for (let cy = a.cyMin; cy <= a.cyMax; cy++) {
      for (let dz = -a.radiusChunks; dz <= a.radiusChunks; dz++) {
        for (let dx = -a.radiusChunks; dx <= a.radiusChunks; dx++) {
          const cx = a.cx + dx;
          const cz = a.cz + dz;
          if (!this.index.get(cx, cy, cz)) this.addRecord(cx, cy, cz, frame);
        }
      }
    }
    this.fixedAreaQueued = true;
  }

  /**
   * Recomputes the urgency of every record not yet shown from the current position and updates queued
   * tasks' priorities; on wanted-set recomputes, before the backlog is rebuilt. Shown chunks keep the
   * urgency of their last update (the limits pass recomputes what it needs).
   */
  private reprioritise(nowMs: number): void {
    const dense = this.index.dense;
    const processor = this.deps.processor;
    const queued = this.queuedRecords;
    queued.length = 0;
    for (let i = 0; i < dense.length; i++) {
      const r = dense[i];
      if (r.state === ChunkLoadState.RENDERED && !r.task) continue;
      if (r.pathStampMs !== this.pathStampMs && this.pathCount > 0) {
        r.pathTime = this.pathTimeOf(r);
        r.pathStampMs = this.pathStampMs;
      }
      const u = this.urgencyOf(r, nowMs);
      if (u !== r.urgency) {
        r.urgency = u;
        if (r.state === ChunkLoadState.QUEUED && r.task) processor.setPriority(r.task as TaskHandleLike, u);
      }
      if (r.state === ChunkLoadState.QUEUED && r.task) queued.push(r);
    }
  }

  /** Per frame between recomputes: only queued tasks are re-prioritised (O(queued), no scan). */
  private reprioritiseQueued(nowMs: number): void {
    const queued = this.queuedRecords;
    const processor = this.deps.processor;
    let w = 0;
    for (let i = 0; i < queued.length; i++) {
      const r = queued[i];
      if (r.state !== ChunkLoadState.QUEUED || !r.task) continue; // dispatched, done or cancelled
      const u = this.urgencyOf(r, nowMs);
      if (u !== r.urgency) {
        r.urgency = u;
        processor.setPriority(r.task as TaskHandleLike, u);
      }
      queued[w++] = r;
    }
    queued.length = w;
  }

  private urgencyOf(r: ChunkRecord, nowMs: number): number {
    const f = this.prio;
    const d = Math.sqrt(chunkBoxDistanceSq(f.px, f.py, f.pz, r.cx, r.cy, r.cz));
    const pathTime = r.pathStampMs === this.pathStampMs ? Math.max(0, r.pathTime - (nowMs - r.pathStampMs) / 1000) : Infinity;
    return chunkUrgency(f, r.cx, r.cy, r.cz, d, pathTime);
  }

  // ------------------------------------------------------------------ tasks

  /** Wanted, not loaded, no task: may be submitted now. */
  private eligible(r: ChunkRecord, nowMs: number): boolean {
    if (r.task || r.voxelsKnown || r.pendingResult) return false;
    if (r.state !== ChunkLoadState.UNLOADED && r.state !== ChunkLoadState.FAILED) return false;
    if (this.index.stampOf(r) !== this.lastWantedFrame && !this.fixedArea) return false;
    if (this.index.get(r.cx, r.cy, r.cz) !== r) return false;
    // A failed chunk is tried again FAILED_RETRY_MS after it gave up (a full new round of retries).
    if (r.state === ChunkLoadState.FAILED && nowMs - r.failedAtMs < FAILED_RETRY_MS) return false;
    if (this.pendingCompress.has(r.key)) return false; // wait for its bytes to reach the cache
    return true;
  }

  /** Rebuilds the backlog (eligible records, most urgent first); on wanted-set recomputes only. */
  private rebuildBacklog(nowMs: number): void {
    const b = this.backlog;
    b.length = 0;
    this.backlogPos = 0;
    const dense = this.index.dense;
    for (let i = 0; i < dense.length; i++) if (this.eligible(dense[i], nowMs)) b.push(dense[i]);
    if (b.length > 1) b.sort(byUrgencyDesc);
  }

  /** Submits up to maxSubmitsPerFrame backlog records (within maxLoadedChunks). */
  private submit(nowMs: number): void {
    const b = this.backlog;
    if (this.backlogPos >= b.length) return;
    const dense = this.index.dense;
    const cap = dense.length <= this.config.maxLoadedChunks ? Infinity : this.config.maxLoadedChunks - this.loadedOrLoadingCount();
    let budget = Math.min(this.budgets.maxSubmitsPerFrame, cap);
    while (budget > 0 && this.backlogPos < b.length) {
      const r = b[this.backlogPos++];
      if (!this.eligible(r, nowMs)) continue;
      this.startLoad(r, nowMs);
      budget--;
    }
    if (this.backlogPos >= b.length) {
      b.length = 0;
      this.backlogPos = 0;
    }
  }

  private loadedOrLoadingCount(): number {
    let n = 0;
    const dense = this.index.dense;
    for (let i = 0; i < dense.length; i++) {
      const r = dense[i];
      if (r.voxelsKnown || r.task || r.pendingResult) n++;
    }
    return n;
  }

  private startLoad(r: ChunkRecord, nowMs: number): void {
    const cache = this.deps.cache;
    const revisit = this.visited.has(r.cx, r.cy, r.cz);
    const entry = cache ? cache.get(r.key, revisit) : null;
    r.requestedAtMs = r.requestedAtMs < 0 ? nowMs : r.requestedAtMs;
    r.state = ChunkLoadState.QUEUED;
    this.queuedRecords.push(r);
    const seed = this.config.worldSeed;
    const { cx, cy, cz } = r;
    const fromCache = entry !== null;
    const dirty = entry?.dirty === true;
    const lod = this.wantsLod(r) ? 1 : 0;
    const compression = this.config.compressionEnabled;
    r.task = this.deps.processor.submit({
      type: fromCache ? 'decompress' : 'generate',
      priority: r.urgency,
      prepare: () => {
        r.state = fromCache ? ChunkLoadState.LOADING : ChunkLoadState.GENERATING;
        if (fromCache) {
          // The cache keeps its bytes: send a copy so a lost worker cannot lose them.
          // An edited chunk needs its voxels on the main thread; a clean one keeps just the bytes.
          const bytes = entry!.bytes.slice();
          const request = { seed, cx, cy, cz, bytes, mesh: true, checksum: entry!.checksum, lod, returnVoxels: dirty };
          return { type: 'decompress', request, transfer: [bytes.buffer] };
        }
        return { type: 'generate', request: { seed, cx, cy, cz, mesh: true, lod, encode: true, compression }, transfer: [] };
      },
      onComplete: (result: WorkerChunkResult) => this.onLoadResult(r, result, fromCache ? entry : null, dirty),
      onError: (error: unknown) => this.onLoadError(r, error, fromCache),
      onCancelledResult: (result: unknown) => {
        const res = result as WorkerChunkResult;
        this.recordLoadWork(fromCache, res?.mesh != null);
        this.recordLoadWaste(fromCache, res?.mesh != null);
      },
      retryable: fromCache ? (e: Error) => !isChunkCorruptError(e) : undefined,
    }) as TaskHandleLike;
  }

  private onLoadResult(r: ChunkRecord, result: WorkerChunkResult, entry: ManagerCacheEntry | null, dirty: boolean): void {
    const t0 = this.deps.clock.now();
    const fromCache = entry !== null;
    r.task = null;
    this.recordLoadWork(fromCache, result.mesh != null);
    if (this.index.get(r.cx, r.cy, r.cz) !== r || this.disposed || !this.stillUseful(r)) {
      // A late result for a chunk no longer wanted and out of range: thrown away.
      this.recordLoadWaste(fromCache, result.mesh != null);
      if (!this.disposed && this.index.get(r.cx, r.cy, r.cz) === r) this.index.remove(r);
      this.callbackMs += this.deps.clock.now() - t0;
      return;
    }
    r.state = ChunkLoadState.READY;
    if (dirty && !r.dirty) {
      r.dirty = true;
      this.dirtyCount++;
    }
    // The chunk's encoded voxels now belong to the record: from the cache entry (taken out of the
    // cache, which holds unloaded chunks only) or freshly encoded by the worker.
    let bytes: Uint8Array | null = null;
    if (entry) {
      this.deps.cache?.remove(entry.key);
      bytes = entry.bytes;
    } else if (result.encoded) bytes = result.encoded.bytes;
    r.pendingResult = {
      kind: 'load',
      uniform: result.uniform,
      bytes,
      voxels: result.voxels ?? null,
      mesh: result.mesh ?? EMPTY_MESH,
      borderHashes: result.borderHashes ?? null,
      fromCache,
      lod: result.lod === 1 ? 1 : 0,
    };
    this.completed.push(r);
    this.callbackMs += this.deps.clock.now() - t0;
  }

  /**
   * Level of detail (enableLevelOfDetail): chunks farther than lodDistance are meshed from 2x
   * downsampled voxels (utils/meshing/lodDownsample.ts: a superset of the solid voxels, so no gaps;
   * borders stay the real ones). A LOD chunk coming within lodDistance - LOD_HYSTERESIS_BLOCKS is
   * remeshed at full detail, well before it can enter the required radius.
   */
  private wantsLod(r: ChunkRecord): boolean {
    if (!this.config.enableLevelOfDetail) return false;
    const d = this.lodDistance;
    return chunkBoxDistanceSq(this.px, this.py, this.pz, r.cx, r.cy, r.cz) > d * d;
  }

  /** A completed generate/decompress task (and the mesh it built in the same round trip). */
  private recordLoadWork(fromCache: boolean, meshed: boolean): void {
    const m = this.deps.monitor;
    if (!m) return;
    m.recordTaskCompleted(fromCache ? 'decompress' : 'generate');
    if (meshed) m.recordTaskCompleted('mesh');
  }

  /** A completed load result thrown away without being shown (wastedWork). */
  private recordLoadWaste(fromCache: boolean, meshed: boolean): void {
    const m = this.deps.monitor;
    if (!m) return;
    m.recordWasted(fromCache ? 'decompress' : 'generate');
    if (meshed) m.recordWasted('mesh');
  }

  /** Wanted at the last recompute, required, or still within unloadDistance. */
  private stillUseful(r: ChunkRecord): boolean {
    if (this.fixedArea || this.index.stampOf(r) >= this.lastWantedFrame || r.requiredFrame >= this.frame - 1) return true;
    const u = this.config.unloadDistance;
    return chunkBoxDistanceSq(this.px, this.py, this.pz, r.cx, r.cy, r.cz) <= u * u;
  }

  private onLoadError(r: ChunkRecord, error: unknown, fromCache: boolean): void {
    r.task = null;
    const message = error instanceof Error ? error.message : String(error);
    if (fromCache && this.deps.cache) {
      // Corrupt (or unreadable) cached bytes: drop the entry, count it, regenerate.
      this.deps.cache.reportCorrupt(r.key);
      this.warn(`ChunkStreamingManager: cached chunk ${r.key} could not be read (${message}); regenerating`);
      r.state = ChunkLoadState.UNLOADED;
      this.backlog.push(r);
      return;
    }
    r.failedAttempts++;
    r.failedAtMs = this.deps.clock.now();
    r.state = ChunkLoadState.FAILED;
    this.failedCount++;
    this.deps.monitor?.recordFailed();
    this.warn(`ChunkStreamingManager: chunk ${r.key} failed to load: ${message}`);
  }

  // ------------------------------------------------------------------ apply

  private applyResults(t0: number): void {
    const list = this.completed;
    if (list.length === 0) return;
    if (list.length > 1) list.sort(byUrgencyDesc);
    const clock = this.deps.clock;
    const budget = this.budgets.applyBudgetMs;
    let i = 0;
    for (; i < list.length; i++) {
      if (i > 0 && clock.now() - t0 >= budget) break;
      this.applyOne(list[i], t0);
    }
    list.splice(0, i);
  }

  private applyOne(r: ChunkRecord, nowMs: number): void {
    const res = r.pendingResult;
    r.pendingResult = null;
    if (!res) return;
    if (this.index.get(r.cx, r.cy, r.cz) !== r) return;
    const before = r.memoryBytes;
    if (res.kind === 'load') {
      r.uniform = res.uniform;
      r.voxels = res.voxels;
      r.bytes = res.bytes;
      r.voxelsKnown = true;
      r.borderHashes = res.borderHashes;
    }
    const mesh = res.mesh;
    r.lod = res.lod;
    // The renderer keeps (or copies) the quads; the record keeps only their size, so the array dies young.
    r.meshQuads = mesh.quadCount;
    if (mesh.quadCount > 0) {
      this.sink.addChunk(r.key, r.cx, r.cy, r.cz, mesh);
      r.inSink = true;
    } else if (r.inSink) {
      this.sink.removeChunk(r.key);
      r.inSink = false;
    }
    const wasRendered = r.state === ChunkLoadState.RENDERED;
    r.state = ChunkLoadState.RENDERED;
    r.memoryBytes = chunkMemoryBytes(r);
    this.loadedBytes += r.memoryBytes - before;
    if (res.kind === 'load' && !wasRendered) {
      if (r.requestedAtMs >= 0) this.deps.monitor?.recordChunkLoad(nowMs - r.requestedAtMs);
      r.requestedAtMs = -1;
      this.remember(r);
      if (this.dirtyCount > 0 || r.dirty) this.checkNeighbourBorders(r);
    }
    if (r.remeshPending) {
      r.remeshPending = false;
      this.remesh(r);
    }
  }

  private remember(r: ChunkRecord): void {
    this.visited.add(r.cx, r.cy, r.cz);
  }

  // ------------------------------------------------------------------ edits and neighbours

  /**
   * Block id at a world position, or -1 when its chunk is not loaded or its voxels are not resident on
   * the main thread (a clean non-uniform chunk keeps only its encoded bytes; edited chunks are resident).
   */
  getBlock(wx: number, wy: number, wz: number): number {
    const r = this.index.get(chunkOf(wx), chunkOf(wy), chunkOf(wz));
    if (!r || !r.voxelsKnown) return -1;
    if (!r.voxels) return r.uniform;
    return r.voxels[localIndex(wx, wy, wz)];
  }

  /**
   * Changes one block at run time. The chunk becomes dirty (never dropped silently: the cache hands
   * dirty entries to its persistence hook) and is remeshed, with the neighbour across any border the
   * block lies on. Returns false when the chunk is not loaded.
   */
  setBlock(wx: number, wy: number, wz: number, id: number): boolean {
    if (!Number.isInteger(id) || id < 0 || id > 0xffff) {
      throw new Error(`ChunkStreamingManager: block id must be an integer in [0, 65535], got ${id}`);
    }
    if (!isFiniteVec(wx, wy, wz)) {
      throw new Error(`ChunkStreamingManager: block position must be finite, got (${wx}, ${wy}, ${wz})`);
    }
    const r = this.index.get(chunkOf(wx), chunkOf(wy), chunkOf(wz));
    if (!r || !r.voxelsKnown) return false;
    const li = localIndex(wx, wy, wz);
    if (r.voxels || r.uniform >= 0) {
      this.applyEdit(r, li, id);
      return true;
    }
    // A clean chunk holds only its encoded bytes: a worker decodes them, then the edits apply.
    r.pendingEdits.push(li, id);
    if (r.pendingEdits.length === 2) this.fetchVoxels(r);
    return true;
  }

  private fetchVoxels(r: ChunkRecord): void {
    const { cx, cy, cz } = r;
    const seed = this.config.worldSeed;
    this.deps.processor.submit({
      type: 'decompress',
      priority: r.urgency + 2000,
      prepare: () => {
        const bytes = (r.bytes as Uint8Array).slice();
        return { type: 'decompress', request: { seed, cx, cy, cz, bytes, mesh: false }, transfer: [bytes.buffer as ArrayBuffer] };
      },
      onComplete: (res: WorkerChunkResult) => {
        const edits = r.pendingEdits;
        r.pendingEdits = [];
        if (this.index.get(cx, cy, cz) !== r || !r.voxelsKnown) return;
        if (!r.voxels && res.voxels) r.voxels = res.voxels;
        for (let i = 0; i < edits.length; i += 2) this.applyEdit(r, edits[i], edits[i + 1]);
      },
      onError: (error: unknown) => {
        r.pendingEdits = [];
        this.warn(`ChunkStreamingManager: edit of ${r.key} lost: its voxels could not be read (${error instanceof Error ? error.message : String(error)})`);
      },
    });
  }

  /** Writes one voxel (chunk-local index) of a chunk whose voxels are resident; remeshes what it touches. */
  private applyEdit(r: ChunkRecord, li: number, id: number): void {
    if (!r.voxels) {
      const v = new Uint16Array(32768);
      v.fill(r.uniform);
      r.voxels = v;
      r.uniform = -1;
    }
    if (r.voxels[li] === id) return;
    r.voxels[li] = id;
    r.bytes = null; // the voxels are now the truth; they are encoded again when the chunk is unloaded
    if (!r.dirty) {
      r.dirty = true;
      this.dirtyCount++;
    }
    const before = r.memoryBytes;
    r.memoryBytes = chunkMemoryBytes(r);
    this.loadedBytes += r.memoryBytes - before;
    this.remesh(r);
    const lx = li & 31;
    const lz = (li >> 5) & 31;
    const ly = li >> 10;
    if (lx === 31) this.remeshNeighbour(r, 0);
    if (lx === 0) this.remeshNeighbour(r, 1);
    if (ly === 31) this.remeshNeighbour(r, 2);
    if (ly === 0) this.remeshNeighbour(r, 3);
    if (lz === 31) this.remeshNeighbour(r, 4);
    if (lz === 0) this.remeshNeighbour(r, 5);
  }

  private remeshNeighbour(r: ChunkRecord, face: number): void {
    const d = FACE_DIRS[face];
    const n = this.index.get(r.cx + d[0], r.cy + d[1], r.cz + d[2]);
    if (n && n.voxelsKnown) this.remesh(n);
  }

  /**
   * When a chunk arrives, compare the borders the chunk and its loaded neighbours were meshed with
   * against the actual voxels of the other side (only edited chunks can differ from the generator);
   * remesh whichever side's border changed.
   */
  private checkNeighbourBorders(r: ChunkRecord): void {
    for (let f = 0; f < 6; f++) {
      const d = FACE_DIRS[f];
      const n = this.index.get(r.cx + d[0], r.cy + d[1], r.cz + d[2]);
      if (!n || !n.voxelsKnown) continue;
      const o = OPPOSITE_FACE[f];
      const mine = r.borderHashes ? r.borderHashes[f] : BORDER_HASH_NONE;
      if (n.dirty && mine !== BORDER_HASH_NONE && hashNeighbourFace(n.voxels ?? n.uniform, f) !== mine) this.remesh(r);
      const theirs = n.borderHashes ? n.borderHashes[o] : BORDER_HASH_NONE;
      if (r.dirty && theirs !== BORDER_HASH_NONE && hashNeighbourFace(r.voxels ?? r.uniform, o) !== theirs) this.remesh(n);
    }
  }

  /** Queues a remesh of a loaded chunk with its neighbours' actual borders where they are loaded. */
  private remesh(r: ChunkRecord, lod: 0 | 1 = r.lod): void {
    if (r.task) {
      r.remeshPending = true;
      return;
    }
    const seed = this.config.worldSeed;
    const { cx, cy, cz } = r;
    // The chunk stays RENDERED (its current mesh is shown) until the new mesh replaces it.
    r.task = this.deps.processor.submit({
      type: 'mesh',
      priority: r.urgency + 1000,
      prepare: () => {
        const borders: (Uint16Array | number | null)[] = [null, null, null, null, null, null];
        for (let f = 0; f < 6; f++) {
          const d = FACE_DIRS[f];
          const n = this.index.get(cx + d[0], cy + d[1], cz + d[2]);
          // Only edited neighbours can differ from the generator; the others' borders are generated.
          if (n && n.voxelsKnown && n.dirty) borders[f] = n.voxels ? extractOuterLayer(n.voxels, OPPOSITE_FACE[f]) : n.uniform;
        }
        const transfer: ArrayBuffer[] = [];
        for (const b of borders) if (b && typeof b !== 'number') transfer.push(b.buffer as ArrayBuffer);
        if (!r.voxels && r.bytes && r.uniform < 0) {
          // A clean chunk keeps only its encoded bytes: the worker decodes them (a copy: the record keeps its own).
          const bytes = r.bytes.slice();
          transfer.push(bytes.buffer as ArrayBuffer);
          return { type: 'decompress', request: { seed, cx, cy, cz, bytes, mesh: true, lod, borders, returnVoxels: false }, transfer };
        }
        // Edited voxels are copied, not transferred: a worker that dies cannot lose them.
        const voxels = r.voxels ? r.voxels.slice() : r.uniform;
        if (typeof voxels !== 'number') transfer.push(voxels.buffer as ArrayBuffer);
        return { type: 'mesh', request: { seed, cx, cy, cz, voxels, borders, lod }, transfer };
      },
      onComplete: (result: WorkerChunkResult) => {
        const t0 = this.deps.clock.now();
        r.task = null;
        this.deps.monitor?.recordTaskCompleted('mesh');
        if (this.index.get(cx, cy, cz) !== r || !r.voxelsKnown) {
          this.deps.monitor?.recordWasted('mesh');
          return;
        }
        r.pendingResult = {
          kind: 'remesh',
          uniform: r.uniform,
          bytes: null,
          voxels: null,
          mesh: result.mesh ?? EMPTY_MESH,
          borderHashes: result.borderHashes ?? r.borderHashes,
          fromCache: false,
          lod: result.lod === 1 ? 1 : 0,
        };
        r.borderHashes = result.borderHashes ?? r.borderHashes;
        this.completed.push(r);
        this.callbackMs += this.deps.clock.now() - t0;
      },
      onError: (error: unknown) => {
        r.task = null;
        r.state = ChunkLoadState.RENDERED;
        this.deps.monitor?.recordFailed();
        this.warn(`ChunkStreamingManager: remesh of ${r.key} failed: ${error instanceof Error ? error.message : String(error)}`);
      },
      onCancelledResult: () => {
        this.deps.monitor?.recordTaskCompleted('mesh');
        this.deps.monitor?.recordWasted('mesh');
      },
    }) as TaskHandleLike;
  }

  // ------------------------------------------------------------------ required set

  private countRequired(nowMs: number): void {
    const frame = this.frame;
    const { px, py, pz, pcx, pcy, pcz } = this;
    const req = this.config.seamlessTransitionRadius;
    const reqSq = req * req;
    const offs = this.requiredOffsets.offsets;
    const n = this.requiredOffsets.count;
    let required = 0;
    let holes = 0;
    const afterInitial = this.initialLoadMs !== null;
    for (let i = 0; i < n; i++) {
      const cx = pcx + offs[i * 3];
      const cy = pcy + offs[i * 3 + 1];
      const cz = pcz + offs[i * 3 + 2];
      if (chunkBoxDistanceSq(px, py, pz, cx, cy, cz) > reqSq) continue;
      required++;
      let r = this.index.get(cx, cy, cz);
      if (!r) {
        // Outside the wanted set (maxLoadedChunks reached, or fixed area): a hole, tracked from now on.
        r = this.addRecord(cx, cy, cz, this.lastWantedFrame);
      }
      const ready = r.state === ChunkLoadState.RENDERED;
      if (!ready) holes++;
      if (afterInitial && r.requiredFrame !== frame - 1) {
        this.deps.monitor?.recordArrival(ready);
        this.deps.predictor?.recordArrival(ready);
      }
      r.requiredFrame = frame;
    }
    this.requiredCount = required;
    this.holeCount = holes;
    if (!afterInitial) this.checkInitialLoad(nowMs);
  }

  private checkInitialLoad(nowMs: number): void {
    const { px, py, pz, pcx, pcy, pcz } = this;
    const rd = this.config.responsiveDistance;
    const rdSq = rd * rd;
    const offs = this.responsiveOffsets.offsets;
    const n = this.responsiveOffsets.count;
    let needed = 0;
    let ready = 0;
    const fixed = this.fixedArea;
    if (fixed) {
      for (const r of this.index.dense) {
        needed++;
        if (r.state === ChunkLoadState.RENDERED) ready++;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const cx = pcx + offs[i * 3];
        const cy = pcy + offs[i * 3 + 1];
        const cz = pcz + offs[i * 3 + 2];
        if (chunkBoxDistanceSq(px, py, pz, cx, cy, cz) > rdSq) continue;
        needed++;
        const r = this.index.get(cx, cy, cz);
        if (r && r.state === ChunkLoadState.RENDERED) ready++;
      }
    }
    this.progressNeeded = needed;
    this.progressReady = ready;
    if (ready === needed && needed > 0) {
      this.initialLoadMs = nowMs - this.startMs;
      this.deps.monitor?.markInitialLoadComplete(nowMs);
    }
  }

  // ------------------------------------------------------------------ unloading and limits

  /**
   * Sweeps `slice` records per frame (the whole set every few frames, at a bounded cost per frame):
   * chunks beyond unloadDistance and unwanted for unloadingLatency ms are queued for unloading, LOD
   * chunks come back to full detail as the player nears; each completed sweep enforces the limits.
   */
  private unloadScan(nowMs: number, slice: number): void {
    if (this.fixedArea) return;
    const { px, py, pz } = this;
    const unloadSq = this.config.unloadDistance * this.config.unloadDistance;
    const dense = this.index.dense;
    const frame = this.frame;
    const full = Math.max(0, this.lodDistance - LOD_HYSTERESIS_BLOCKS);
    const fullDetailSq = full * full;
    if (this.scanCursor >= dense.length) {
      this.scanCursor = 0;
      this.enforceLimits();
    }
    const end = Math.min(dense.length, this.scanCursor + slice);
    for (let i = this.scanCursor; i < end; i++) {
      const r = dense[i];
      const dSq = chunkBoxDistanceSq(px, py, pz, r.cx, r.cy, r.cz);
      if (r.lod === 1 && !r.task && r.state === ChunkLoadState.RENDERED && dSq < fullDetailSq) this.remesh(r, 0);
      if (this.index.stampOf(r) === this.lastWantedFrame || r.requiredFrame === frame || dSq <= unloadSq) {
        r.farSinceMs = -1;
        continue;
      }
      if (r.farSinceMs < 0) r.farSinceMs = nowMs;
      if (nowMs - r.farSinceMs >= this.config.unloadingLatency && !r.unloadQueued) {
        r.unloadQueued = true;
        this.unloadQueue.push(r);
      }
    }
    this.scanCursor = end;
  }

  /**
   * Unloads up to MAX_UNLOADS_PER_FRAME queued chunks (spreading a scan's unloads over frames), each
   * re-checked: a chunk wanted again since the scan stays.
   */
  private drainUnloads(): void {
    const q = this.unloadQueue;
    if (this.unloadPos >= q.length) return;
    const unloadSq = this.config.unloadDistance * this.config.unloadDistance;
    let n = 0;
    while (n < MAX_UNLOADS_PER_FRAME && this.unloadPos < q.length) {
      const r = q[this.unloadPos++];
      r.unloadQueued = false;
      if (this.index.get(r.cx, r.cy, r.cz) !== r) continue;
      if (this.index.stampOf(r) === this.lastWantedFrame || r.requiredFrame === this.frame) continue;
      if (chunkBoxDistanceSq(this.px, this.py, this.pz, r.cx, r.cy, r.cz) <= unloadSq) continue;
      this.unload(r);
      n++;
    }
    if (this.unloadPos >= q.length) {
      q.length = 0;
      this.unloadPos = 0;
    }
  }

  /** Past maxLoadedChunks or the memory budget: unload the farthest chunks outside the required set. */
  private enforceLimits(): void {
    const maxChunks = this.config.maxLoadedChunks;
    const budgetBytes = this.config.memoryBudget * 1024 * 1024;
    let loaded = this.loadedOrLoadingCount();
    if (loaded <= maxChunks && this.memoryBytes() <= budgetBytes) return;
    const cand = this.candidates;
    cand.length = 0;
    const frame = this.frame;
    const nowMs = this.deps.clock.now();
    for (const r of this.index.dense) {
      if (r.requiredFrame === frame) continue;
      if (r.voxelsKnown || r.task || r.pendingResult) {
        r.urgency = this.urgencyOf(r, nowMs);
        cand.push(r);
      }
    }
    // least urgent (farthest in time) first
    cand.sort((a, b) => a.urgency - b.urgency);
    for (let i = 0; i < cand.length; i++) {
      if (loaded <= maxChunks && this.memoryBytes() <= budgetBytes) break;
      const r = cand[i];
      if (r.task && r.state === ChunkLoadState.QUEUED) {
        if (this.deps.processor.cancel(r.task as TaskHandleLike)) {
          r.task = null;
          this.deps.monitor?.recordCancelled();
        }
      }
      this.unload(r);
      loaded--;
    }
    cand.length = 0;
  }

  private unload(r: ChunkRecord): void {
    if (r.task) {
      // A running task: drop its result when it comes back.
      if (r.state === ChunkLoadState.QUEUED && this.deps.processor.cancel(r.task as TaskHandleLike)) {
        this.deps.monitor?.recordCancelled();
      }
      r.task = null;
    }
    if (r.pendingResult) {
      const pr = r.pendingResult;
      if (pr.kind === 'load') {
        this.recordLoadWaste(pr.fromCache, true);
        // Bytes taken out of the cache for a result never applied go back, or the chunk would be lost to it.
        if (pr.fromCache && pr.bytes && this.deps.cache) this.deps.cache.put(this.cacheEntry(r.key, pr.bytes, r.dirty));
      } else this.deps.monitor?.recordWasted('mesh');
      r.pendingResult = null;
      const idx = this.completed.indexOf(r);
      if (idx >= 0) this.completed.splice(idx, 1);
    }
    r.state = ChunkLoadState.UNLOADING;
    if (r.inSink) {
      this.sink.removeChunk(r.key);
      r.inSink = false;
    }
    if (r.voxelsKnown) this.cacheOnUnload(r);
    this.loadedBytes -= r.memoryBytes;
    r.memoryBytes = 0;
    if (r.dirty) this.dirtyCount--;
    r.voxels = null;
    r.bytes = null;
    r.meshQuads = 0;
    r.voxelsKnown = false;
    r.state = ChunkLoadState.UNLOADED;
    this.index.remove(r);
  }

  /**
   * An unloaded chunk goes to the cache: a clean one as the encoded bytes it already holds (no work);
   * an edited one is encoded on a worker first (its voxels copied, so a lost worker cannot lose them).
   */
  private cacheOnUnload(r: ChunkRecord): void {
    const cache = this.deps.cache;
    if (!cache) return;
    if (!r.dirty || !r.voxels) {
      const bytes = r.bytes ?? (r.uniform >= 0 ? encodeChunk(r.uniform, false) : null);
      if (bytes) cache.put(this.cacheEntry(r.key, bytes, r.dirty));
      return;
    }
    const key = r.key;
    const voxels = r.voxels;
    this.pendingCompress.set(key, { dirty: true, bytes: CHUNK_VOXEL_BYTES });
    this.pendingCompressBytes += CHUNK_VOXEL_BYTES;
    const compression = this.config.compressionEnabled;
    const done = () => {
      if (this.pendingCompress.delete(key)) this.pendingCompressBytes -= CHUNK_VOXEL_BYTES;
    };
    this.deps.processor.submit({
      type: 'compress',
      priority: 0,
      prepare: () => ({ type: 'compress', request: { voxels: voxels.slice(), compression }, transfer: [] }),
      onComplete: (res: { bytes: Uint8Array }) => {
        done();
        this.deps.monitor?.recordTaskCompleted('compress');
        if (this.disposed) return;
        const stored = cache.put(this.cacheEntry(key, res.bytes, true));
        if (stored === false) this.warn(`ChunkStreamingManager: edited chunk ${key} did not fit in the cache and has no persistence hook`);
      },
      onError: (error: unknown) => {
        done();
        this.deps.monitor?.recordFailed();
        this.warn(
          `ChunkStreamingManager: compressing edited chunk ${key} for the cache failed: ${error instanceof Error ? error.message : String(error)}; kept uncompressed`,
        );
        cache.put(this.cacheEntry(key, encodeChunk(voxels, false), true));
      },
    });
  }

  /** A cache entry for encoded bytes; uniform id, raw size and checksum are read from their header. */
  private cacheEntry(key: string, bytes: Uint8Array, dirty: boolean) {
    const h = readChunkHeader(bytes, this.headerScratch);
    return { key, bytes, checksum: h.checksum, rawBytes: h.rawBytes, uniform: h.uniform, dirty };
  }

  /**
   * Starts a new measurement run from the next frame: the monitor's run restarts (markRunStart resets
   * its counters) and the initial load is measured again around the player's position then. Loaded
   * chunks stay loaded. Used by `window.voxel.playTrace` to measure one flight.
   */
  restartMeasurement(): void {
    this.startMs = -1;
    this.initialLoadMs = null;
    this.progressReady = 0;
    this.progressNeeded = 0;
  }

  // ------------------------------------------------------------------ reading

  /** Bytes held by loaded chunks (voxels + meshes), chunks being compressed, and the cache. */
  memoryBytes(): number {
    const cacheBytes = this.deps.cache ? this.deps.cache.bytes : 0;
    return this.loadedBytes + this.pendingCompressBytes + cacheBytes;
  }

  getLoadingProgress(): LoadingProgress {
    return {
      ready: this.initialLoadMs !== null ? this.progressNeeded : this.progressReady,
      needed: this.progressNeeded,
      complete: this.initialLoadMs !== null,
      initialLoadMs: this.initialLoadMs,
    };
  }

  getChunkState(cx: number, cy: number, cz: number): ChunkLoadState {
    return this.index.get(cx, cy, cz)?.state ?? ChunkLoadState.UNLOADED;
  }

  /** Keys of chunks handed to the renderer (ready). Allocates: for tests and tools, not per frame. */
  readyChunkKeys(): string[] {
    const out: string[] = [];
    for (const r of this.index.dense) if (r.state === ChunkLoadState.RENDERED) out.push(r.key);
    return out;
  }

  get loadedChunkCount(): number {
    let n = 0;
    for (const r of this.index.dense) if (r.voxelsKnown) n++;
    return n;
  }

  get trackedChunkCount(): number {
    return this.index.size;
  }

  get lastFrameMainThreadMs(): number {
    return this.lastMainThreadMs;
  }

  get invalidInputCount(): number {
    return this.invalidInputs;
  }

  get failedChunkCount(): number {
    let n = 0;
    for (const r of this.index.dense) if (r.state === ChunkLoadState.FAILED) n++;
    return n;
  }

  get pathSampleCount(): number {
    return this.pathCount;
  }

  get frameNumber(): number {
    return this.frame;
  }

  /** Counts by state, queue sizes: for the overlay and the benchmark. Allocates a small object. */
  getCounts() {
    let queued = 0;
    let inFlight = 0;
    let rendered = 0;
    let failed = 0;
    for (const r of this.index.dense) {
      if (r.state === ChunkLoadState.QUEUED) queued++;
      else if (r.state === ChunkLoadState.RENDERED) rendered++;
      else if (r.state === ChunkLoadState.FAILED) failed++;
      else if (r.task) inFlight++;
    }
    return {
      tracked: this.index.size,
      queued,
      inFlight,
      rendered,
      failed,
      pendingApply: this.completed.length,
      pendingCompress: this.pendingCompress.size,
      required: this.requiredCount,
      holes: this.holeCount,
    };
  }

  private pushStats(): void {
    const m = this.deps.monitor;
    if (!m) return;
    const cache = this.deps.cache?.getCacheMetrics(this.cacheMetricsScratch);
    if (cache) {
      this.cacheMetricsScratch = cache;
      m.setCacheStats({
        hits: cache.hits,
        misses: cache.misses,
        revisitHits: cache.revisitHits,
        revisitMisses: cache.revisitMisses,
        compressedBytes: cache.compressedBytes ?? 0,
        rawBytes: cache.rawBytes ?? 0,
        entries: cache.entries,
        bytes: cache.bytes,
      });
    }
    const c = this.getCounts();
    m.setCounts({ loaded: c.rendered, queued: c.queued, inFlight: c.inFlight, pendingApply: c.pendingApply, tracked: c.tracked });
  }

  /** Unloads everything (renderer meshes removed), drops queued tasks. Does not dispose injected deps. */
  dispose(): void {
    if (this.disposed) return;
    for (let i = this.index.dense.length - 1; i >= 0; i--) {
      const r = this.index.dense[i];
      if (r.task && r.state === ChunkLoadState.QUEUED) this.deps.processor.cancel(r.task as TaskHandleLike);
      r.task = null;
      if (r.inSink) this.sink.removeChunk(r.key);
      r.inSink = false;
    }
    this.index.clear();
    this.completed.length = 0;
    this.loadedBytes = 0;
    this.disposed = true;
  }
}

const EMPTY_MESH: ChunkMesh = { quads: new Uint32Array(0), quadCount: 0, solidQuadCount: 0 };

function localIndex(wx: number, wy: number, wz: number): number {
  const x = Math.floor(wx) - chunkOf(wx) * CHUNK_SIZE;
  const y = Math.floor(wy) - chunkOf(wy) * CHUNK_SIZE;
  const z = Math.floor(wz) - chunkOf(wz) * CHUNK_SIZE;
  return x + (z << 5) + (y << 10);
}


export { chunkKey };
