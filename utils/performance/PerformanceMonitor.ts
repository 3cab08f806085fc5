/**
 * PerformanceMonitor: the page's frame timing, beside the StreamingPerformanceMonitor (which holds the
 * streaming metrics). It records, per rendered frame (times in ms on the injected clock, default
 * performance.now()):
 *   - frame interval: time between consecutive beginFrame() calls (= requestAnimationFrame deltas);
 *   - work: beginFrame() .. endFrame(), the main thread's busy time of the frame (player, streaming update,
 *     three.js render submission);
 *   - streaming: the streaming update's own main-thread ms for the frame (passed to endFrame, measured by
 *     the ChunkStreamingManager per the spec's mainThreadMs definition);
 * and main-thread long tasks (> LONG_TASK_MS) from a PerformanceObserver of type 'longtask' when the
 * browser has one. The overlay reads the rings (last `historyFrames` frames); a recording
 * (startRecording .. stopRecording) keeps every frame of a flight for its quantiles.
 * Per frame nothing is allocated: rings are typed arrays, recordings grow by doubling.
 */
import { RingBuffer } from '@/utils/performance/metrics/RingBuffer';

/** A task longer than this (ms) is a long task (the Long Tasks API's own threshold). */
export const LONG_TASK_MS = 50;

export interface PerformanceMonitorOptions {
  /** Frames kept in the rings; integer >= 1, default 240. */
  historyFrames?: number;
  /** ms clock; default performance.now(). */
  now?: () => number;
}

export interface Quantiles {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}

export interface FrameRecording {
  frames: number;
  /** Wall time of the recording (ms). */
  durationMs: number;
  /** Frame intervals (requestAnimationFrame deltas). */
  frameMs: Quantiles;
  /** Main-thread busy time per frame. */
  workMs: Quantiles;
  /** Streaming update per frame (the manager's mainThreadMs). */
  streamingMs: Quantiles;
  /** Sums over the recording (ms): streaming time / work time is the streaming's share of the frame work. */
  workTotalMs: number;
  streamingTotalMs: number;
  /** Long tasks (> LONG_TASK_MS) that started during the recording; null when the browser cannot observe them. */
  longTasks: number | null;
  longTaskMaxMs: number | null;
}

/** Growable Float64Array list (doubles when full; only a recording uses it). */
class Series {
  data = new Float64Array(1024);
  length = 0;
  sum = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
    this.sum += v;
  }
  clear(): void {
    this.length = 0;
    this.sum = 0;
  }
}

/** Nearest-rank quantiles of `values[0..length)` (sorts a copy; for reports, not per frame). */
export function quantiles(values: ArrayLike<number>, length = values.length): Quantiles {
  if (length === 0) return { count: 0, p50: null, p95: null, p99: null, max: null, mean: null };
  const sorted = Float64Array.from({ length }, (_, i) => values[i]).sort();
  const at = (q: number) => sorted[Math.min(length - 1, Math.max(0, Math.ceil(q * length) - 1))];
  let sum = 0;
  for (let i = 0; i < length; i++) sum += sorted[i];
  return { count: length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[length - 1], mean: sum / length };
}

export class PerformanceMonitor {
  /** Frame intervals (ms), work (ms) and streaming ms of the last historyFrames frames. */
  readonly frameMs: RingBuffer;
  readonly workMs: RingBuffer;
  readonly streamingMs: RingBuffer;
  /** Long tasks seen since construction (or since the observer started). */
  longTaskCount = 0;
  /** Whether long tasks are being observed (PerformanceObserver 'longtask' supported and started). */
  observingLongTasks = false;

  private readonly now: () => number;
  private lastBeginMs = NaN;
  private frameStartMs = NaN;
  private recording = false;
  private recStartMs = NaN;
  private readonly recFrame = new Series();
  private readonly recWork = new Series();
  private readonly recStreaming = new Series();
  private recLongTasks = 0;
  private recLongTaskMax = 0;
  private observer: PerformanceObserver | null = null;

  constructor(options: PerformanceMonitorOptions = {}) {
    const history = options.historyFrames ?? 240;
    if (!Number.isInteger(history) || history < 1) {
      throw new Error(`PerformanceMonitor: historyFrames must be an integer >= 1, got ${history}`);
    }
    this.frameMs = new RingBuffer(history);
    this.workMs = new RingBuffer(history);
    this.streamingMs = new RingBuffer(history);
    this.now = options.now ?? (() => performance.now());
  }

  /** Start of a rendered frame (first thing in the frame callback). */
  beginFrame(): void {
    const t = this.now();
    if (!Number.isNaN(this.lastBeginMs)) {
      const dt = t - this.lastBeginMs;
      this.frameMs.push(dt);
      if (this.recording) this.recFrame.push(dt);
    }
    this.lastBeginMs = t;
    this.frameStartMs = t;
  }

  /**
   * End of the frame's work (after the render call). `streamingMs`: the streaming's main-thread ms of the
   * frame; `outsideMs`: main-thread ms of the frame's work that ran outside beginFrame..endFrame (e.g.
   * worker result callbacks between frames), added to the frame's work.
   */
  endFrame(streamingMs = 0, outsideMs = 0): void {
    if (Number.isNaN(this.frameStartMs)) return; // no beginFrame: nothing to close
    const work = this.now() - this.frameStartMs + (outsideMs > 0 && Number.isFinite(outsideMs) ? outsideMs : 0);
    this.frameStartMs = NaN;
    const s = streamingMs >= 0 && Number.isFinite(streamingMs) ? streamingMs : 0;
    this.workMs.push(work);
    this.streamingMs.push(s);
    if (this.recording) {
      this.recWork.push(work);
      this.recStreaming.push(s);
    }
  }

  /** A main-thread task of `durationMs` that started at `startMs` (same clock). Counted when > LONG_TASK_MS. */
  recordLongTask(startMs: number, durationMs: number): void {
    if (!(durationMs > LONG_TASK_MS)) return;
    this.longTaskCount++;
    if (this.recording && startMs >= this.recStartMs) {
      this.recLongTasks++;
      if (durationMs > this.recLongTaskMax) this.recLongTaskMax = durationMs;
    }
  }

  /** Frames per second over the ring (from the mean frame interval); NaN before two frames. */
  fps(): number {
    const m = this.frameMs.mean();
    return m > 0 ? 1000 / m : NaN;
  }

  /**
   * Starts observing long tasks with a PerformanceObserver (no-op where 'longtask' is unsupported).
   * Returns the stop function (also called by dispose).
   */
  observeLongTasks(): () => void {
    if (this.observer || typeof PerformanceObserver === 'undefined') return () => this.stopObserving();
    const types = (PerformanceObserver as unknown as { supportedEntryTypes?: readonly string[] }).supportedEntryTypes;
    if (!types || !types.includes('longtask')) return () => this.stopObserving();
    const observer = new PerformanceObserver((list) => this.takeEntries(list.getEntries()));
    observer.observe({ type: 'longtask', buffered: false });
    this.observer = observer;
    this.observingLongTasks = true;
    return () => this.stopObserving();
  }

  startRecording(): void {
    this.recording = true;
    this.recStartMs = this.now();
    this.recFrame.clear();
    this.recWork.clear();
    this.recStreaming.clear();
    this.recLongTasks = 0;
    this.recLongTaskMax = 0;
  }

  get isRecording(): boolean {
    return this.recording;
  }

  /** Ends the recording (pending long-task entries are taken first) and summarises it. */
  stopRecording(): FrameRecording {
    if (this.observer) this.takeEntries(this.observer.takeRecords());
    const durationMs = this.recording ? this.now() - this.recStartMs : 0;
    this.recording = false;
    return {
      frames: this.recFrame.length,
      durationMs,
      frameMs: quantiles(this.recFrame.data, this.recFrame.length),
      workMs: quantiles(this.recWork.data, this.recWork.length),
      streamingMs: quantiles(this.recStreaming.data, this.recStreaming.length),
      workTotalMs: this.recWork.sum,
      streamingTotalMs: this.recStreaming.sum,
      longTasks: this.observingLongTasks ? this.recLongTasks : null,
      longTaskMaxMs: this.observingLongTasks ? this.recLongTaskMax : null,
    };
  }

  dispose(): void {
    this.stopObserving();
    this.recording = false;
  }

  private takeEntries(entries: readonly PerformanceEntry[]): void {
    for (let i = 0; i < entries.length; i++) this.recordLongTask(entries[i].startTime, entries[i].duration);
  }

  private stopObserving(): void {
    if (!this.observer) return;
    this.observer.disconnect();
    this.observer = null;
    this.observingLongTasks = false;
  }
}
