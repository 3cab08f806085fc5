/**
 * Counters and derived metrics of the BackgroundProcessor (the seed's BackgroundProcessingMetrics).
 * Every value is counted from what actually happened; nothing is estimated.
 */
import type { PerformanceGrade } from '@/config/streamingConfig';

/** The seed's BackgroundProcessingMetrics. Times in ms, rates in [0, 1]. */
export interface BackgroundProcessingMetrics {
  /** Tasks running on a worker now (including cancelled ones whose result has not come back yet). */
  activeTasks: number;
  /** Tasks waiting: in the heap or waiting out a retry delay. */
  queuedTasks: number;
  /** Live workers. */
  totalWorkers: number;
  /** Live workers with at least one free slot (fewer than tasksInFlightPerWorker tasks in flight). */
  availableWorkers: number;
  /** Mean ms from dispatch to result (worker time + messaging) over the last PROCESSING_TIME_WINDOW completed attempts; 0 before the first. */
  averageProcessingTime: number;
  /** completed / (completed + failed) over final outcomes (failed = gave up after maxRetries); 1 before any outcome. */
  taskCompletionRate: number;
  /** failed attempts (thrown, timed out, worker lost) / settled attempts; 0 before any attempt settled. */
  taskFailureRate: number;
  /** completed / settled attempts: the share of worker attempts that delivered a used result
   *  (failed attempts and results dropped by cancel are waste); 1 before any attempt settled. */
  queueEfficiency: number;
  /** See PROCESSING_GRADE_THRESHOLDS. */
  performanceGrade: PerformanceGrade;
}

/** Raw counters (monotonic over the processor's life). */
export interface BackgroundProcessorCounters {
  submitted: number;
  /** Attempts handed to a worker (first tries and retries). */
  started: number;
  completed: number;
  /** Tasks that gave up after maxRetries (or whose prepare threw). */
  failed: number;
  /** Attempts that ended in a thrown error, a timeout or a lost worker. */
  failedAttempts: number;
  /** Retries scheduled after a thrown error (each waits retryBaseDelay * 2^(attempt-1) ms). */
  retries: number;
  /** Tasks requeued because their worker died or timed out. */
  requeuedLost: number;
  timeouts: number;
  /** Workers that died on their own (exit / error event). */
  workerDeaths: number;
  /** Workers terminated and replaced (deaths and timeouts). */
  workersReplaced: number;
  /** Tasks cancelled before they ran (nothing computed). */
  cancelledQueued: number;
  /** Tasks cancelled while running: their worker result was dropped (wasted work). */
  cancelledRunning: number;
  /** Tasks still pending at dispose(): each got onError with reason 'disposed'. */
  disposedTasks: number;
}

export function createCounters(): BackgroundProcessorCounters {
  return {
    submitted: 0,
    started: 0,
    completed: 0,
    failed: 0,
    failedAttempts: 0,
    retries: 0,
    requeuedLost: 0,
    timeouts: 0,
    workerDeaths: 0,
    workersReplaced: 0,
    cancelledQueued: 0,
    cancelledRunning: 0,
    disposedTasks: 0,
  };
}

/**
 * Grade from the measured attempt failure rate and queue efficiency: the first row whose both
 * limits are met (failure rate <= maxFailureRate AND queue efficiency >= minQueueEfficiency),
 * else F. 0.75 at B is the project's loadingQueueEfficiency target (config/streamingConfig.ts).
 */
export const PROCESSING_GRADE_THRESHOLDS = [
  { grade: 'A', maxFailureRate: 0.01, minQueueEfficiency: 0.9 },
  { grade: 'B', maxFailureRate: 0.05, minQueueEfficiency: 0.75 },
  { grade: 'C', maxFailureRate: 0.1, minQueueEfficiency: 0.6 },
  { grade: 'D', maxFailureRate: 0.25, minQueueEfficiency: 0.4 },
] as const;

export function processingGrade(failureRate: number, queueEfficiency: number): PerformanceGrade {
  for (const t of PROCESSING_GRADE_THRESHOLDS) {
    if (failureRate <= t.maxFailureRate && queueEfficiency >= t.minQueueEfficiency) return t.grade;
  }
  return 'F';
}

/** Completed attempts whose dispatch-to-result time is averaged. */
export const PROCESSING_TIME_WINDOW = 128;

/** Fixed-size ring of recent processing times (no allocation per sample). */
export class TimeWindow {
  private readonly samples: Float64Array;
  private count = 0;
  private next = 0;
  private sum = 0;

  constructor(size = PROCESSING_TIME_WINDOW) {
    this.samples = new Float64Array(size);
  }

  add(ms: number): void {
    const s = this.samples;
    if (this.count === s.length) this.sum -= s[this.next];
    else this.count++;
    s[this.next] = ms;
    this.sum += ms;
    this.next = (this.next + 1) % s.length;
  }

  mean(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }
}

export function deriveRates(c: BackgroundProcessorCounters): {
  taskCompletionRate: number;
  taskFailureRate: number;
  queueEfficiency: number;
} {
  const outcomes = c.completed + c.failed;
  const settled = c.completed + c.cancelledRunning + c.failedAttempts;
  return {
    taskCompletionRate: outcomes === 0 ? 1 : c.completed / outcomes,
    taskFailureRate: settled === 0 ? 0 : c.failedAttempts / settled,
    queueEfficiency: settled === 0 ? 1 : c.completed / settled,
  };
}
