/**
 * StreamingPerformanceMonitor: the streaming metrics of ../shared/streaming-spec.md ("Metric definitions"),
 * the targets they are checked against, the grade and sustained-miss alerts.
 *
 * It computes nothing it was not fed: the ChunkStreamingManager reports measured values (frame times,
 * required/hole counts, chunk load times, task outcomes, cache and memory figures) and the monitor only
 * aggregates them. Every input is O(1) and allocates nothing. Outputs are computed on demand and cached
 * until the next input changes something (`evaluations` counts the recomputations).
 *
 * Run phases (times in ms on the caller's clock, e.g. performance.now() or a hand-stepped clock):
 *   markRunStart(t0)               resets the run: counters, histograms, peaks, rings, alerts (the gauges set by
 *                                  setCacheStats / setMemory / setCounts keep their latest values)
 *   recordFrame(...) before ...    initial-load frames: initialLoadFrames, initialLoadMainThreadMs
 *   markInitialLoadComplete(t1)    initialLoadMs = t1 - t0 (the first call counts; needs markRunStart first)
 *   recordFrame(...) after         frames, mainThreadMs, requiredChunkFrames, holeChunkFrames, holeFrames
 *   recordArrival(...)             counted only after the initial load (readyOnArrival's definition);
 *                                  earlier calls are counted apart in arrivalsBeforeInitialLoad
 * chunkLoadMs covers every chunk of the run (initial load included), per the spec's "per chunk".
 *
 * Task accounting: call recordTaskCompleted(type) for every completed task, including one whose result is
 * then thrown away, and recordWasted(type) in addition for a thrown-away one. wastedWork = wasted generate +
 * mesh results / completed generate + mesh tasks.
 *
 * Targets, grade and alerts: metrics/targets.ts (mapping table), metrics/AlertTracker.ts. Alerts are
 * checked on recordFrame at most every `alertCheckIntervalMs` of the frame clock.
 */
import type { BackgroundTaskType, ChunkStreamingMetrics } from '@/types/streaming';
import type { PerformanceGrade } from '@/config/streamingConfig';
import { QuantileHistogram } from './metrics/QuantileHistogram';
import { RingBuffer } from './metrics/RingBuffer';
import {
  createMeasuredValues,
  createTargetEvaluationSet,
  evaluateTargetsInto,
  type TargetEvaluation,
} from './metrics/targets';
import {
  AlertTracker,
  DEFAULT_ALERT_SUSTAIN_MS,
  type StreamingAlert,
  type StreamingAlertListener,
} from './metrics/AlertTracker';
import { buildReport, type StreamingPerformanceReport } from './metrics/report';
import {
  CACHE_KEYS,
  checkNonNegative,
  COUNT_KEYS,
  createCounters,
  positiveInt,
  TASK_TYPES,
  type CacheStatsInput,
  type MonitorCounters,
  type StreamingCounts,
} from './metrics/monitorState';

export type { StreamingAlert, StreamingAlertEvent, StreamingAlertListener } from './metrics/AlertTracker';
export type { TargetEvaluation } from './metrics/targets';
export type { StreamingPerformanceReport } from './metrics/report';
export type { CacheStatsInput, MonitorCounters, StreamingCounts } from './metrics/monitorState';

export interface StreamingPerformanceMonitorOptions {
  /** Frames kept in the overlay rings (frame time, queue length, holes); integer >= 1, default 240. */
  historyFrames?: number;
  /** Chunk loads averaged for ChunkStreamingMetrics.averageLoadTime; integer >= 1, default 64. */
  recentLoads?: number;
  /** A target missed this long (ms) raises an alert; default 3000. */
  alertSustainMs?: number;
  /** Least time (ms) between two alert checks; default 100. */
  alertCheckIntervalMs?: number;
}

export class StreamingPerformanceMonitor {
  readonly counters: MonitorCounters = createCounters();
  /** Whole-run histograms (ms): frames after the initial load, initial-load frames, chunk loads. */
  readonly mainThreadMs = new QuantileHistogram();
  readonly initialLoadMainThreadMs = new QuantileHistogram();
  readonly chunkLoadMs = new QuantileHistogram();
  /** Overlay rings, one value per recorded frame: main-thread ms, loading queue length, hole count. */
  readonly frameTimes: RingBuffer;
  readonly queueLengths: RingBuffer;
  readonly holeCounts: RingBuffer;
  /** The most recent chunk load times (ms), for averageLoadTime. */
  readonly recentLoadMs: RingBuffer;
  /** Latest gauges. */
  readonly counts: StreamingCounts = {
    loaded: 0,
    queued: 0,
    inFlight: 0,
    workersBusy: 0,
    workersTotal: 0,
    pendingApply: 0,
    tracked: 0,
  };
  readonly cache: CacheStatsInput = {
    hits: 0,
    misses: 0,
    revisitHits: 0,
    revisitMisses: 0,
    compressedBytes: 0,
    rawBytes: 0,
    entries: 0,
    bytes: 0,
  };
  /** Whether setCacheStats / setMemory / setCounts were ever called (their targets are unmeasured before). */
  cacheStatsSet = false;
  memoryBytes = NaN;
  memoryBudgetBytes = NaN;
  /** Run start and initial-load end (ms, caller's clock); NaN until marked. */
  runStartMs = NaN;
  initialLoadCompleteMs = NaN;
  /** Times outputs were recomputed (stays put while nothing changes). */
  evaluations = 0;

  private readonly alertCheckIntervalMs: number;
  /** Whether setCounts ever carried `loaded` (the loaded-chunks target is unmeasured before). */
  private countsSeen = false;
  private readonly alerts: AlertTracker;
  private lastAlertCheckMs = -Infinity;
  private version = 0;
  private valuesVersion = -1;
  private reportVersion = -1;
  private report: StreamingPerformanceReport | null = null;
  private readonly values = createMeasuredValues();
  private readonly targets = createTargetEvaluationSet();
  private readonly metrics: ChunkStreamingMetrics = {
    loadedChunkCount: 0,
    loadingQueueSize: 0,
    memoryPressure: 0,
    cacheHitRatio: 0,
    averageLoadTime: 0,
    streamingEfficiency: 1,
    predictiveAccuracy: 0,
    performanceGrade: 'F',
  };

  constructor(options: StreamingPerformanceMonitorOptions = {}) {
    this.frameTimes = new RingBuffer(positiveInt('historyFrames', options.historyFrames ?? 240));
    this.queueLengths = new RingBuffer(this.frameTimes.capacity);
    this.holeCounts = new RingBuffer(this.frameTimes.capacity);
    this.recentLoadMs = new RingBuffer(positiveInt('recentLoads', options.recentLoads ?? 64));
    const interval = options.alertCheckIntervalMs ?? 100;
    checkNonNegative('alertCheckIntervalMs', interval);
    this.alertCheckIntervalMs = interval;
    const sustain = options.alertSustainMs ?? DEFAULT_ALERT_SUSTAIN_MS;
    checkNonNegative('alertSustainMs', sustain);
    this.alerts = new AlertTracker(sustain);
  }

  get initialLoadComplete(): boolean {
    return !Number.isNaN(this.initialLoadCompleteMs);
  }

  // ------------------------------------------------------------------ inputs

  /** Starts a run at `nowMs`: run counters, histograms, peaks, rings and alerts are reset. */
  markRunStart(nowMs: number): void {
    if (!Number.isFinite(nowMs)) throw new Error(`StreamingPerformanceMonitor: markRunStart nowMs must be finite, got ${nowMs}`);
    Object.assign(this.counters, createCounters());
    this.mainThreadMs.clear();
    this.initialLoadMainThreadMs.clear();
    this.chunkLoadMs.clear();
    this.frameTimes.clear();
    this.queueLengths.clear();
    this.holeCounts.clear();
    this.recentLoadMs.clear();
    this.alerts.reset();
    this.lastAlertCheckMs = -Infinity;
    this.runStartMs = nowMs;
    this.initialLoadCompleteMs = NaN;
    this.counters.peakMemoryBytes = this.memoryBytes;
    this.counters.peakLoadedChunks = this.countsSeen ? this.counts.loaded : NaN;
    this.version++;
  }

  /** Ends the initial load (first call counts). */
  markInitialLoadComplete(nowMs: number): void {
    if (Number.isNaN(this.runStartMs)) {
      throw new Error('StreamingPerformanceMonitor: markInitialLoadComplete called before markRunStart');
    }
    if (this.initialLoadComplete) return;
    if (!(nowMs >= this.runStartMs)) {
      throw new Error(
        `StreamingPerformanceMonitor: markInitialLoadComplete nowMs must be >= the run start (${this.runStartMs} ms), got ${nowMs}`,
      );
    }
    this.initialLoadCompleteMs = nowMs;
    this.version++;
  }

  /**
   * One frame: its main-thread ms (streaming update + applying results), the size of the required set and
   * how many of those chunks were not ready. Hole counting starts at markInitialLoadComplete.
   */
  recordFrame(nowMs: number, mainThreadMs: number, requiredCount: number, holeCount: number): void {
    checkNonNegative('mainThreadMs', mainThreadMs);
    if (!Number.isFinite(nowMs)) throw new Error(`StreamingPerformanceMonitor: nowMs must be finite, got ${nowMs}`);
    if (!Number.isInteger(requiredCount) || requiredCount < 0) {
      throw new Error(`StreamingPerformanceMonitor: requiredCount must be an integer >= 0, got ${requiredCount}`);
    }
    if (!Number.isInteger(holeCount) || holeCount < 0 || holeCount > requiredCount) {
      throw new Error(
        `StreamingPerformanceMonitor: holeCount must be an integer in [0, requiredCount = ${requiredCount}], got ${holeCount}`,
      );
    }
    const c = this.counters;
    if (this.initialLoadComplete) {
      c.frames++;
      this.mainThreadMs.add(mainThreadMs);
      c.requiredChunkFrames += requiredCount;
      c.holeChunkFrames += holeCount;
      if (holeCount > 0) c.holeFrames++;
    } else {
      c.initialLoadFrames++;
      this.initialLoadMainThreadMs.add(mainThreadMs);
    }
    this.frameTimes.push(mainThreadMs);
    this.queueLengths.push(this.counts.queued);
    this.holeCounts.push(holeCount);
    this.version++;
    if (nowMs - this.lastAlertCheckMs >= this.alertCheckIntervalMs) {
      this.lastAlertCheckMs = nowMs;
      this.refresh();
      this.alerts.update(nowMs, this.targets.all);
    }
  }

  /** One chunk became ready: ms from its first request. */
  recordChunkLoad(loadMs: number): void {
    checkNonNegative('loadMs', loadMs);
    this.chunkLoadMs.add(loadMs);
    this.recentLoadMs.push(loadMs);
    this.version++;
  }

  /** A chunk entered the required set after the initial load; was it ready at that frame? */
  recordArrival(readyOnEntry: boolean): void {
    const c = this.counters;
    if (!this.initialLoadComplete) c.arrivalsBeforeInitialLoad++;
    else {
      c.arrivals++;
      if (readyOnEntry) c.readyArrivals++;
    }
    this.version++;
  }

  recordTaskCompleted(type: BackgroundTaskType): void {
    this.counters.completed[this.checkType(type)]++;
    this.version++;
  }

  /** A completed result thrown away without being shown (also record it as completed). */
  recordWasted(type: BackgroundTaskType): void {
    this.counters.wasted[this.checkType(type)]++;
    this.version++;
  }

  recordCancelled(): void {
    this.counters.cancelled++;
    this.version++;
  }

  recordFailed(): void {
    this.counters.failed++;
    this.version++;
  }

  setCacheStats(stats: Readonly<CacheStatsInput>): void {
    let changed = !this.cacheStatsSet;
    for (let i = 0; i < CACHE_KEYS.length; i++) {
      const k = CACHE_KEYS[i];
      const v = stats[k];
      checkNonNegative(`cache ${k}`, v);
      if (this.cache[k] !== v) {
        this.cache[k] = v;
        changed = true;
      }
    }
    if (changed) {
      this.cacheStatsSet = true;
      this.version++;
    }
  }

  /** Memory now (bytes held by loaded chunks plus the cache) and its budget; tracks the peak. */
  setMemory(bytes: number, budgetBytes: number): void {
    checkNonNegative('memory bytes', bytes);
    if (!(budgetBytes > 0) || !Number.isFinite(budgetBytes)) {
      throw new Error(`StreamingPerformanceMonitor: memory budgetBytes must be a finite number > 0, got ${budgetBytes}`);
    }
    if (bytes === this.memoryBytes && budgetBytes === this.memoryBudgetBytes) return;
    this.memoryBytes = bytes;
    this.memoryBudgetBytes = budgetBytes;
    const c = this.counters;
    if (!(c.peakMemoryBytes >= bytes)) c.peakMemoryBytes = bytes;
    this.version++;
  }

  /** Copies the gauges present in `counts` (unknown keys are ignored); tracks the peak of `loaded`. */
  setCounts(counts: Readonly<Partial<StreamingCounts>>): void {
    let changed = false;
    for (let i = 0; i < COUNT_KEYS.length; i++) {
      const k = COUNT_KEYS[i];
      const v = counts[k];
      if (v === undefined) continue;
      checkNonNegative(`counts.${k}`, v);
      if (this.counts[k] !== v) {
        this.counts[k] = v;
        changed = true;
      }
    }
    if (counts.loaded !== undefined) {
      if (!this.countsSeen) changed = true;
      this.countsSeen = true;
      if (!(this.counters.peakLoadedChunks >= this.counts.loaded)) this.counters.peakLoadedChunks = this.counts.loaded;
    }
    if (changed) this.version++;
  }

  // ------------------------------------------------------------------ outputs

  /** The seed's metrics (same object every call). Ratios with nothing measured read 0 (efficiency 1). */
  getMetrics(): ChunkStreamingMetrics {
    this.refresh();
    return this.metrics;
  }

  /** The targets that have a measured value (same array and objects every call until something changes). */
  evaluateTargets(): readonly TargetEvaluation[] {
    this.refresh();
    return this.targets.measured;
  }

  /** Derived from evaluateTargets(): gradeFromShare(met / measured). */
  get performanceGrade(): PerformanceGrade {
    this.refresh();
    return this.targets.grade;
  }

  /** Active alerts, oldest first (same array; copy to keep). */
  getAlerts(): readonly StreamingAlert[] {
    return this.alerts.list;
  }

  subscribe(listener: StreamingAlertListener): () => void {
    return this.alerts.subscribe(listener);
  }

  /** Every field of the benchmark JSON plus details; a new object when something changed, else the cached one. */
  getReport(): StreamingPerformanceReport {
    this.refresh();
    if (this.report && this.reportVersion === this.version) return this.report;
    this.report = buildReport(this, this.targets, this.alerts.list);
    this.reportVersion = this.version;
    return this.report;
  }

  /** Drops listeners. */
  dispose(): void {
    this.alerts.dispose();
  }

  // ------------------------------------------------------------------ derived values

  /** wasted generate + mesh / completed generate + mesh; NaN when none completed. */
  wastedWork(): number {
    const c = this.counters;
    const done = c.completed.generate + c.completed.mesh;
    return done === 0 ? NaN : (c.wasted.generate + c.wasted.mesh) / done;
  }

  readyOnArrival(): number {
    const c = this.counters;
    return c.arrivals === 0 ? NaN : c.readyArrivals / c.arrivals;
  }

  cacheHitRatio(): number {
    const s = this.cache;
    const n = s.hits + s.misses;
    return n === 0 ? NaN : s.hits / n;
  }

  revisitHitRatio(): number {
    const s = this.cache;
    const n = s.revisitHits + s.revisitMisses;
    return n === 0 ? NaN : s.revisitHits / n;
  }

  compressionRatio(): number {
    return this.cache.rawBytes === 0 ? NaN : this.cache.compressedBytes / this.cache.rawBytes;
  }

  /** memory / budget clamped to [0, 1]; NaN before setMemory. */
  memoryPressure(): number {
    return Number.isNaN(this.memoryBytes) ? NaN : Math.min(1, this.memoryBytes / this.memoryBudgetBytes);
  }

  initialLoadMs(): number {
    return this.initialLoadCompleteMs - this.runStartMs;
  }

  private checkType(type: BackgroundTaskType): BackgroundTaskType {
    if (!TASK_TYPES.includes(type)) {
      throw new Error(`StreamingPerformanceMonitor: task type must be one of ${TASK_TYPES.join(' | ')}, got ${String(type)}`);
    }
    return type;
  }

  private refresh(): void {
    if (this.valuesVersion === this.version) return;
    this.valuesVersion = this.version;
    this.evaluations++;
    const v = this.values;
    const c = this.counters;
    v.chunkLoadP50 = this.chunkLoadMs.quantile(0.5);
    v.mainThreadP99 = this.mainThreadMs.quantile(0.99);
    v.mainThreadMax = this.mainThreadMs.count === 0 ? NaN : this.mainThreadMs.max;
    v.cacheHitRatio = this.cacheHitRatio();
    v.memoryPressure = this.memoryPressure();
    v.initialLoadMs = this.initialLoadMs();
    v.peakLoadedChunks = c.peakLoadedChunks;
    v.readyOnArrival = this.readyOnArrival();
    v.streamingEfficiency = 1 - this.wastedWork();
    v.cacheMB = this.cacheStatsSet ? this.cache.bytes / (1024 * 1024) : NaN;
    v.compressionRatio = this.compressionRatio();
    v.peakMemoryBytes = c.peakMemoryBytes;
    v.revisitHitRatio = this.revisitHitRatio();
    v.holeChunkFrames = c.frames === 0 ? NaN : c.holeChunkFrames;
    evaluateTargetsInto(v, this.targets);

    const m = this.metrics;
    m.loadedChunkCount = this.counts.loaded;
    m.loadingQueueSize = this.counts.queued;
    m.memoryPressure = orZero(v.memoryPressure);
    m.cacheHitRatio = orZero(v.cacheHitRatio);
    m.averageLoadTime = orZero(this.recentLoadMs.mean());
    m.streamingEfficiency = Number.isNaN(v.streamingEfficiency) ? 1 : v.streamingEfficiency;
    m.predictiveAccuracy = orZero(v.readyOnArrival);
    m.performanceGrade = this.targets.grade;
  }
}

function orZero(v: number): number {
  return Number.isNaN(v) ? 0 : v;
}
