/**
 * The real-time driver of the streaming benchmarks: the real streaming system (createStreamingSystem)
 * with its worker pool on Node worker_threads running the bundled production worker entry
 * (utils/workers/chunk.node-worker.ts, bundled with esbuild at start), the GPU stand-in as sink.
 *
 * Phase 1: the player stands at the trace's first sample (velocity 0, view from its look), frames at
 *          60 Hz until getLoadingProgress().complete, or the timeout (initialLoadMs then null, timed out).
 * Phase 2: frame slot k at start + k/60 s (wall time); the player's state is the trace at the frame's
 *          actual start time (interpolated position, finite-difference velocity, view from yaw/pitch),
 *          so a late frame never skips simulated time. deltaTime = wall time since the previous frame.
 * Between frames the event loop runs (the pacer yields), so worker results arrive as they would in a
 * browser. End: the monitor's report is taken, then the system is disposed (workers terminated).
 */
import type { ChunkStreamingConfig, LoadingPriority } from '@/config/streamingConfig';
import { createStreamingSystem, type StreamingSystem } from '@/utils/streaming/createStreamingSystem';
import { nodeThreadExecutorFactory } from '@/utils/workers/executors/NodeThreadExecutor';
import { bundleNodeWorker } from '@/utils/workers/node/bundleNodeWorker';
import { GpuStandInSink } from './gpuSink';
import { machineInfo } from './machine';
import { FRAME_HZ, FRAME_MS, FramePacer, LATE_TOLERANCE_MS, nextFrameSlot } from './pacer';
import { missingSpecFields, type ProcessMemoryStats, type StreamBenchReport, type Summary3 } from './report';
import { type Trace, traceDuration } from './trace';
import { createTraceSample, sampleTrace } from './traceSampler';

/** Default limit (ms) on phase 1. */
export const INITIAL_LOAD_TIMEOUT_MS = 30_000;
/** process.memoryUsage() is sampled every this many frames. */
export const PROCESS_SAMPLE_FRAMES = 30;
/** Warning messages kept in the report (all are counted). */
const WARNING_SAMPLES = 10;

export interface StreamRunOptions {
  trace: Trace;
  threads: number;
  strategy: LoadingPriority;
  predict: boolean;
  /** Further config overrides (e.g. a different seed); the three above win. */
  config?: Partial<ChunkStreamingConfig>;
  initialLoadTimeoutMs?: number;
  /** Called from the frame loop every `everyMs` of replay wall time (and once at the end), between frames. */
  sampler?: { everyMs: number; sample: (elapsedMs: number, system: StreamingSystem, sink: GpuStandInSink) => void };
  /** Progress lines (phase changes); default: none. */
  log?: (line: string) => void;
  /** Engine warnings are counted and passed here; default: none (they are in the report). */
  onWarning?: (message: string) => void;
}

/** p50 / p99 / max of the first `n` values of `values` (sorted in place); nulls when n = 0. */
export function summarize3(values: Float64Array, n: number): Summary3 {
  if (n === 0) return { p50: null, p99: null, max: null };
  const s = values.subarray(0, n).sort();
  const at = (p: number) => {
    const rank = p * (n - 1);
    const lo = Math.floor(rank);
    const hi = Math.ceil(rank);
    return s[lo] + (s[hi] - s[lo]) * (rank - lo);
  };
  return { p50: at(0.5), p99: at(0.99), max: s[n - 1] };
}

class ProcessMemorySampler {
  readonly stats: ProcessMemoryStats = { peakRssBytes: 0, peakHeapUsedBytes: 0, peakArrayBuffersBytes: 0 };
  sample(): void {
    const m = process.memoryUsage();
    const s = this.stats;
    if (m.rss > s.peakRssBytes) s.peakRssBytes = m.rss;
    if (m.heapUsed > s.peakHeapUsedBytes) s.peakHeapUsedBytes = m.heapUsed;
    if (m.arrayBuffers > s.peakArrayBuffersBytes) s.peakArrayBuffersBytes = m.arrayBuffers;
  }
}

/** Runs one benchmark (both phases) and returns its report. Never leaves worker threads behind. */
export async function runStreamSession(opts: StreamRunOptions): Promise<StreamBenchReport> {
  const log = opts.log ?? (() => {});
  const timeoutMs = opts.initialLoadTimeoutMs ?? INITIAL_LOAD_TIMEOUT_MS;
  const trace = opts.trace;
  const workerFile = await bundleNodeWorker();
  const sink = new GpuStandInSink();
  let warnings = 0;
  const warningSamples: string[] = [];
  const system = createStreamingSystem({
    config: {
      ...opts.config,
      streamingThreads: opts.threads,
      loadingPriority: opts.strategy,
      enablePredictiveLoading: opts.predict,
    },
    sink,
    createExecutor: nodeThreadExecutorFactory(workerFile, 'bench-chunk-worker'),
    warn: (m) => {
      warnings++;
      if (warningSamples.length < WARNING_SAMPLES) warningSamples.push(m);
      opts.onWarning?.(m);
    },
  });
  const manager = system.manager;
  const now = () => performance.now();
  const pacer = new FramePacer(now);
  const mem = new ProcessMemorySampler();
  const state = createTraceSample();
  const still = { x: 0, y: 0, z: 0 };
  const duration = traceDuration(trace);
  // Frame slots of the replay plus slack for frames that start late and end the trace.
  const capacity = Math.ceil(duration * FRAME_HZ) + 2;
  const lateness = new Float64Array(capacity);
  const intervals = new Float64Array(capacity);
  try {
    // ---------------------------------------------------------------- phase 1: initial load, player still
    log(`${trace.name}: initial load (player still at the first sample, ${opts.threads} worker thread(s))`);
    sampleTrace(trace, 0, state);
    const start1 = now();
    let prev = NaN;
    let k = 0;
    let initialFrames = 0;
    let timedOut = false;
    for (;;) {
      await pacer.waitUntil(start1 + k * FRAME_MS);
      const t = now();
      manager.updateStreaming(state.position, still, Number.isNaN(prev) ? FRAME_MS / 1000 : (t - prev) / 1000, state.view);
      prev = t;
      initialFrames++;
      if (initialFrames % PROCESS_SAMPLE_FRAMES === 0) mem.sample();
      if (manager.getLoadingProgress().complete) break;
      if (t - start1 >= timeoutMs) {
        timedOut = true;
        break;
      }
      k = nextFrameSlot(k, now() - start1);
    }
    const progress = manager.getLoadingProgress();
    log(
      timedOut
        ? `${trace.name}: initial load timed out after ${timeoutMs} ms (${progress.ready} of ${progress.needed} chunks ready)`
        : `${trace.name}: initial load complete in ${progress.initialLoadMs?.toFixed(0)} ms; replaying ${duration.toFixed(1)} s in real time`,
    );

    // ---------------------------------------------------------------- phase 2: real-time replay
    const start2 = now();
    let frames = 0;
    let dropped = 0;
    let late = 0;
    let nIntervals = 0;
    k = 0;
    let nextSampleMs = opts.sampler ? opts.sampler.everyMs : Infinity;
    for (;;) {
      const slot = start2 + k * FRAME_MS;
      await pacer.waitUntil(slot);
      const t = now();
      const lateBy = t - slot;
      if (frames < capacity) lateness[frames] = lateBy;
      if (lateBy > LATE_TOLERANCE_MS) late++;
      if (frames > 0 && nIntervals < capacity) intervals[nIntervals++] = t - prev;
      let tSim = (t - start2) / 1000;
      const last = tSim >= duration;
      if (last) tSim = duration;
      sampleTrace(trace, tSim, state);
      manager.updateStreaming(state.position, state.velocity, (t - prev) / 1000, state.view);
      prev = t;
      frames++;
      if (frames % PROCESS_SAMPLE_FRAMES === 0) mem.sample();
      if (opts.sampler && (t - start2 >= nextSampleMs || last)) {
        opts.sampler.sample(t - start2, system, sink);
        while (nextSampleMs <= t - start2) nextSampleMs += opts.sampler.everyMs;
      }
      if (last) break;
      const next = nextFrameSlot(k, now() - start2);
      dropped += next - k - 1;
      k = next;
    }
    const wallSeconds = (now() - start2) / 1000;
    mem.sample();

    const monitorReport = system.monitor.getReport();
    const report: StreamBenchReport = {
      trace: trace.name,
      threads: opts.threads,
      strategy: opts.strategy,
      predictive: opts.predict,
      ...monitorReport,
      initialLoadTimedOut: timedOut,
      initialLoadTimeoutMs: timeoutMs,
      pacing: {
        hz: FRAME_HZ,
        frames,
        droppedFrames: dropped,
        lateFrames: late,
        lateToleranceMs: LATE_TOLERANCE_MS,
        latenessMs: summarize3(lateness, Math.min(frames, capacity)),
        frameIntervalMs: summarize3(intervals, nIntervals),
        traceSeconds: duration,
        wallSeconds,
        initialLoadFrames: initialFrames,
      },
      gpu: sink.getStats(),
      processMemory: mem.stats,
      machine: machineInfo(),
      warnings,
      warningSamples,
    };
    const missing = missingSpecFields(report as unknown as Record<string, unknown>);
    if (missing.length > 0) throw new Error(`streamBench: the monitor report lacks ${missing.join(', ')}`);
    return report;
  } finally {
    system.dispose();
    system.monitor.dispose();
    sink.dispose();
  }
}
