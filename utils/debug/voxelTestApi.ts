/**
 * `window.voxel`, the browser test API of ../shared/streaming-spec.md ("Browser test API"), installed only
 * with the `debug` flag on:
 *   playTrace(trace) -> Promise<report>  fly the camera along a movement trace in real time (see below)
 *   getMetrics() -> ChunkStreamingMetrics
 *   teleport(x, y, z)
 *   geometries() -> three.js renderer.info.memory.geometries (leak tests)
 *   renderStats() -> { chunks, quads, geometries } of the chunk renderer
 *   state() -> { status, loading, flags }  (worldStore)
 *
 * playTrace: (1) teleports to the first sample and holds still there (the fly controller's autopilot),
 * (2) calls manager.restartMeasurement() and waits until getLoadingProgress().complete, (3) replays the
 * trace by wall-clock time from the first frame of the flight, interpolating positions and look
 * (tracePlayback.ts); the controller reports velocity as the change of position over the frame's dt.
 * The report: trace/threads/strategy/predictive, every field of monitor.getReport(), frameMs
 * {p50,p95,p99,max} (requestAnimationFrame deltas during the flight), longTasks (main-thread tasks over
 * 50 ms that started during the flight, PerformanceObserver 'longtask'; null when unsupported), and
 * `flight` (frames, wall seconds, frame work and streaming ms, for the browser benchmark).
 */
import type { VoxelWorld } from '@/components/world/ModularVoxelCanvas';
import type { PerformanceMonitor, FrameRecording } from '@/utils/performance/PerformanceMonitor';
import type { StreamingPerformanceReport } from '@/utils/performance/StreamingPerformanceMonitor';
import type { ChunkStreamingMetrics } from '@/types/streaming';
import type { LoadingState, WorldStatus } from '@/store/worldStore';
import { worldStore } from '@/store/worldStore';
import { CHUNK_SIZE } from '@/types/chunk';
import { parseTrace, sampleTraceState, traceSeconds, type TraceState } from './tracePlayback';

/** Longest wait (ms) for the initial load at the trace's start. */
export const INITIAL_LOAD_TIMEOUT_MS = 180_000;
const POLL_MS = 50;

export interface PlayTraceOptions {
  /** Seconds to stand still at the first sample after the load completed (default 0); measured like the flight. */
  holdSeconds?: number;
  /** Replay only the first `seconds` of the trace (default: all of it). */
  seconds?: number;
}

export interface PlayTraceReport extends StreamingPerformanceReport {
  trace: string;
  threads: number;
  strategy: string;
  predictive: boolean;
  frameMs: { p50: number | null; p95: number | null; p99: number | null; max: number | null };
  longTasks: number | null;
  flight: FrameRecording & { traceSeconds: number };
}

export interface VoxelTestApi {
  playTrace(trace: unknown, options?: PlayTraceOptions): Promise<PlayTraceReport>;
  /** Stands still where the player is for `seconds` and reports the same fields as playTrace. */
  standStill(seconds: number): Promise<PlayTraceReport>;
  getMetrics(): ChunkStreamingMetrics;
  teleport(x: number, y: number, z: number): void;
  geometries(): number;
  renderStats(): { chunks: number; quads: number; geometries: number };
  /** Chunks in the renderer (worldStore map) and the farthest one's box distance from the player (blocks). */
  /**
   * Farthest loaded chunk (box distance, blocks) overall and behind the player relative to `behindOf`
   * (a direction; chunks whose centre lies on the other side). Chunks ahead may lie past unloadDistance:
   * the predicted path is preloaded up to loadDistance + preloadDistance.
   */
  loadedExtent(behindOf?: { x: number; y: number; z: number }): {
    chunks: number;
    farthestBlocks: number;
    farthestBehindBlocks: number;
    unloadDistance: number;
    /** ms a chunk stays past unloadDistance before it is unloaded. */
    unloadingLatency: number;
    preloadReach: number;
  };
  state(): { status: WorldStatus; loading: LoadingState; flags: Record<string, string | number | boolean> };
}

export interface VoxelTestApiDeps {
  getWorld: () => VoxelWorld | null;
  perf: PerformanceMonitor;
  /** three.js renderer.info.memory.geometries, or NaN before the canvas exists. */
  geometryCount: () => number;
}

declare global {
  interface Window {
    voxel?: VoxelTestApi;
  }
}

/** Distance (blocks) from coordinate v to the span of chunk c along one axis (0 inside). */
function boxGap(v: number, c: number): number {
  const lo = c * CHUNK_SIZE;
  return v < lo ? lo - v : v > lo + CHUNK_SIZE ? v - lo - CHUNK_SIZE : 0;
}

function waitFor(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const check = () => {
      let ok = false;
      try {
        ok = cond();
      } catch (e) {
        window.clearInterval(timer);
        reject(e);
        return;
      }
      if (ok) {
        window.clearInterval(timer);
        resolve();
      } else if (performance.now() - start > timeoutMs) {
        window.clearInterval(timer);
        reject(new Error(`voxel: timed out after ${timeoutMs} ms waiting for ${what}`));
      }
    };
    const timer = window.setInterval(check, POLL_MS);
    check();
  });
}

export function createVoxelTestApi(deps: VoxelTestApiDeps): VoxelTestApi {
  let playing = false;

  const requireWorld = (fn: string): VoxelWorld => {
    const w = deps.getWorld();
    if (!w) throw new Error(`voxel.${fn}: the world is not running (status ${worldStore.getState().status})`);
    return w;
  };

  /** Holds the player at `s`, restarts the measurement and waits for the initial load there. */
  async function settleAt(world: VoxelWorld, s: TraceState): Promise<void> {
    world.player.releaseKeys();
    world.player.autopilot = (ctl) => {
      ctl.setPosition(s.x, s.y, s.z);
      ctl.setLook(s.yaw, s.pitch);
    };
    world.engine.system.manager.restartMeasurement();
    await waitFor(
      () => deps.getWorld() === world && world.engine.system.manager.getLoadingProgress().complete,
      INITIAL_LOAD_TIMEOUT_MS,
      'the initial load at the trace start',
    );
  }

  function buildReport(world: VoxelWorld, name: string, rec: FrameRecording, seconds: number): PlayTraceReport {
    const sys = world.engine.system;
    const report = sys.monitor.getReport();
    return {
      trace: name,
      threads: sys.config.streamingThreads,
      strategy: sys.config.loadingPriority,
      predictive: sys.config.enablePredictiveLoading,
      ...report,
      frameMs: { p50: rec.frameMs.p50, p95: rec.frameMs.p95, p99: rec.frameMs.p99, max: rec.frameMs.max },
      longTasks: rec.longTasks,
      flight: { ...rec, traceSeconds: seconds },
    };
  }

  /** Runs `step(tSeconds)` from the autopilot every frame until it returns false; records the frames. */
  async function fly(world: VoxelWorld, step: (t: number) => boolean): Promise<FrameRecording> {
    let t0 = NaN;
    let done = false;
    world.player.autopilot = () => {
      const now = performance.now();
      if (Number.isNaN(t0)) {
        t0 = now;
        deps.perf.startRecording();
      }
      if (!step((now - t0) / 1000)) done = true;
    };
    await waitFor(() => done || deps.getWorld() !== world, Number.POSITIVE_INFINITY, 'the end of the flight');
    const rec = deps.perf.stopRecording();
    if (deps.getWorld() !== world) throw new Error('voxel.playTrace: the world was rebuilt during the flight');
    return rec;
  }

  return {
    async playTrace(data, options = {}) {
      if (playing) throw new Error('voxel.playTrace: a trace is already playing');
      const trace = parseTrace(data);
      const world = requireWorld('playTrace');
      const span = Math.min(traceSeconds(trace), options.seconds ?? Infinity);
      if (!(span > 0)) throw new Error(`voxel.playTrace: options.seconds must be > 0, got ${options.seconds}`);
      playing = true;
      const s: TraceState = { x: 0, y: 0, z: 0, yaw: 0, pitch: 0 };
      try {
        sampleTraceState(trace, 0, s);
        await settleAt(world, s);
        const hold = options.holdSeconds ?? 0;
        if (hold > 0) await fly(world, (t) => t < hold);
        const rec = await fly(world, (t) => {
          sampleTraceState(trace, t, s);
          world.player.setPosition(s.x, s.y, s.z);
          world.player.setLook(s.yaw, s.pitch);
          return t < span;
        });
        return buildReport(world, trace.name, rec, span);
      } finally {
        world.player.autopilot = null;
        playing = false;
      }
    },

    async standStill(seconds) {
      if (playing) throw new Error('voxel.standStill: a trace is playing');
      if (!(seconds > 0) || !Number.isFinite(seconds)) throw new Error(`voxel.standStill: seconds must be a finite number > 0, got ${seconds}`);
      const world = requireWorld('standStill');
      playing = true;
      const p = world.player;
      const s: TraceState = { x: p.position.x, y: p.position.y, z: p.position.z, yaw: p.yaw, pitch: p.pitch };
      try {
        await settleAt(world, s);
        const rec = await fly(world, (t) => t < seconds);
        return buildReport(world, 'stand-still', rec, seconds);
      } finally {
        world.player.autopilot = null;
        playing = false;
      }
    },

    getMetrics() {
      return { ...requireWorld('getMetrics').engine.system.monitor.getMetrics() };
    },

    teleport(x, y, z) {
      if (playing) throw new Error('voxel.teleport: a trace is playing');
      const world = requireWorld('teleport');
      if (!world.player.setPosition(x, y, z)) {
        throw new Error(`voxel.teleport: x, y, z must be finite numbers, got (${x}, ${y}, ${z})`);
      }
    },

    geometries() {
      return deps.geometryCount();
    },

    renderStats() {
      return { ...requireWorld('renderStats').meshRenderer.getStats() };
    },

    loadedExtent(behindOf) {
      const world = requireWorld('loadedExtent');
      const p = world.player.position;
      let far = 0;
      let farBehind = 0;
      const half = CHUNK_SIZE / 2;
      for (const c of worldStore.getState().chunks.values()) {
        const d = Math.hypot(boxGap(p.x, c.cx), boxGap(p.y, c.cy), boxGap(p.z, c.cz));
        if (d > far) far = d;
        if (behindOf) {
          const dot =
            (c.cx * CHUNK_SIZE + half - p.x) * behindOf.x + (c.cy * CHUNK_SIZE + half - p.y) * behindOf.y + (c.cz * CHUNK_SIZE + half - p.z) * behindOf.z;
          if (dot < 0 && d > farBehind) farBehind = d;
        }
      }
      const config = world.engine.system.config;
      return {
        chunks: worldStore.getState().chunks.size,
        farthestBlocks: far,
        farthestBehindBlocks: farBehind,
        unloadDistance: config.unloadDistance,
        unloadingLatency: config.unloadingLatency,
        preloadReach: config.loadDistance + world.engine.system.manager.budgets.preloadDistance,
      };
    },

    state() {
      const s = worldStore.getState();
      return { status: s.status, loading: { ...s.loading }, flags: { ...s.flags } };
    },
  };
}

/** Installs `window.voxel`; returns the uninstall. */
export function installVoxelTestApi(deps: VoxelTestApiDeps): () => void {
  const api = createVoxelTestApi(deps);
  window.voxel = api;
  return () => {
    if (window.voxel === api) delete window.voxel;
  };
}
