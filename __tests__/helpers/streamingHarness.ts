/**
 * Test harness for the streaming manager: the real BackgroundProcessor over an InProcessExecutor whose
 * tasks run only when the test says so (`runTasks`), a hand-stepped clock shared by everything, and a
 * recording render sink.
 */
import { BackgroundProcessor } from '@/utils/streaming/BackgroundProcessor';
import { InProcessExecutor } from '@/utils/workers/executors/InProcessExecutor';
import { ChunkStreamingManager, type ChunkStreamingManagerOptions } from '@/components/world/ChunkStreamingManager';
import type { ChunkStreamingConfig } from '@/config/streamingConfig';
import type { ChunkMesh, ChunkRenderSink } from '@/types/streaming';
import { chunkKey } from '@/types/chunk';

export class HandClock {
  t = 0;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.timers = this.timers.filter((t) => t.id !== id);
  };
  /** Advances time, firing due timers in order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.t = next.at;
      next.fn();
    }
    this.t = end;
  }
}

export class RecordingSink implements ChunkRenderSink {
  readonly chunks = new Map<string, ChunkMesh>();
  adds = 0;
  removes = 0;
  readonly addOrder: string[] = [];
  /** ms the hand clock advances per addChunk (simulated GPU upload cost). */
  costMs = 0;
  constructor(private readonly clock?: HandClock) {}
  addChunk(key: string, _cx: number, _cy: number, _cz: number, mesh: ChunkMesh): void {
    this.chunks.set(key, mesh);
    this.adds++;
    this.addOrder.push(key);
    if (this.clock) this.clock.t += this.costMs;
  }
  removeChunk(key: string): void {
    if (!this.chunks.delete(key)) throw new Error(`RecordingSink: remove of ${key}, which is not in the sink`);
    this.removes++;
  }
}

export const oneQuadMesh = (): ChunkMesh => ({ quads: new Uint32Array([0, 1]), quadCount: 1, solidQuadCount: 1 });

/** A worker api double: every chunk is uniform stone with a one-quad mesh; logs the order of calls. */
export function createLoggingApi() {
  const log: string[] = [];
  /** "generate|mesh key lodN" for every request that asked for a level of detail. */
  const lodLog: string[] = [];
  const failures = new Map<string, number>();
  return {
    log,
    lodLog,
    /** The next n generations of chunk `key` throw. */
    failTimes(key: string, n: number) {
      failures.set(key, n);
    },
    generate(req: { cx: number; cy: number; cz: number; lod?: number }) {
      const key = chunkKey(req.cx, req.cy, req.cz);
      log.push('generate ' + key);
      if (req.lod !== undefined) lodLog.push(`generate ${key} lod${req.lod}`);
      const f = failures.get(key) ?? 0;
      if (f > 0) {
        failures.set(key, f - 1);
        throw new Error('generator exploded (test)');
      }
      return { uniform: -1, voxels: new Uint16Array(32768).fill(1), mesh: oneQuadMesh(), borderHashes: null, generateMs: 0, meshMs: 0, lod: req.lod ?? 0 };
    },
    mesh(req: { cx: number; cy: number; cz: number; voxels: Uint16Array | number; lod?: number }) {
      const key = chunkKey(req.cx, req.cy, req.cz);
      log.push('mesh ' + key);
      if (req.lod !== undefined) lodLog.push(`mesh ${key} lod${req.lod}`);
      return { voxels: req.voxels, mesh: oneQuadMesh(), borderHashes: null, meshMs: 0, lod: req.lod ?? 0 };
    },
    compress(req: { voxels: Uint16Array | number }) {
      log.push('compress');
      return { bytes: new Uint8Array(16), rawBytes: 65536, checksum: 0, voxels: req.voxels };
    },
    decompress(req: { cx: number; cy: number; cz: number }) {
      log.push('decompress ' + chunkKey(req.cx, req.cy, req.cz));
      return { uniform: 1, voxels: null, mesh: oneQuadMesh(), borderHashes: null, generateMs: 0, meshMs: 0 };
    },
  };
}

export const SMALL_CONFIG: Partial<ChunkStreamingConfig> = {
  loadDistance: 64,
  unloadDistance: 96,
  preloadDistance: 64,
  seamlessTransitionRadius: 32,
  responsiveDistance: 48,
  maxLoadedChunks: 4096,
  chunkCacheSize: 4,
  streamingThreads: 1,
  unloadingLatency: 2000,
  maxQueueProcessingTime: 1.5,
  maxRetries: 2,
  retryBaseDelay: 100,
  taskTimeout: 60_000,
  memoryBudget: 64,
};

export function createHarness(
  api: object,
  options: Partial<Omit<ChunkStreamingManagerOptions, 'sink' | 'processor' | 'clock'>> & { tasksInFlight?: number } = {},
) {
  const clock = new HandClock();
  const scheduled: (() => void)[] = [];
  const processor = new BackgroundProcessor({
    threads: 1,
    createExecutor: () => new InProcessExecutor(api, { defer: 'macrotask', schedule: (fn) => scheduled.push(fn) }),
    maxRetries: 2,
    retryBaseDelay: 100,
    taskTimeout: 60_000,
    tasksInFlightPerWorker: options.tasksInFlight ?? 1,
    clock,
  });
  const sink = new RecordingSink(clock);
  const warnings: string[] = [];
  const { config, tasksInFlight: _t, ...rest } = options;
  const manager = new ChunkStreamingManager({
    ...rest,
    config: { ...SMALL_CONFIG, ...(config ?? {}) },
    sink,
    processor,
    clock,
    warn: (m) => warnings.push(m),
  });
  const flush = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  /** Runs up to n scheduled worker tasks (each followed by microtask flushing). Returns how many ran. */
  const runTasks = async (n = Infinity) => {
    await flush();
    let ran = 0;
    while (ran < n && scheduled.length > 0) {
      scheduled.shift()!();
      ran++;
      await flush();
    }
    return ran;
  };
  const frame = (x: number, y: number, z: number, vx = 0, vy = 0, vz = 0, dtMs = 1000 / 60) => {
    clock.t += dtMs;
    manager.updateStreaming({ x, y, z }, { x: vx, y: vy, z: vz }, dtMs / 1000, { x: 0, y: 0, z: -1 });
  };
  return { clock, processor, sink, manager, warnings, runTasks, flush, frame, scheduled };
}
