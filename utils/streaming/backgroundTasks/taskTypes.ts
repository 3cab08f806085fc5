/**
 * Public types of the BackgroundProcessor: clock, task spec, handle and info.
 * Times in ms (of the injected clock).
 */
import type { TaskExecutor } from '@/utils/workers/executors/TaskExecutor';

/** Injectable time source and timers; tests hand-step it. */
export interface ProcessorClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: ProcessorClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface BackgroundProcessorOptions {
  /** Workers in the pool, integer in [1, 64]. */
  threads: number;
  /** Makes the executor of worker slot `index` (0..threads-1); called again to replace a lost worker. */
  createExecutor: (index: number) => TaskExecutor;
  /** Attempts after the first for a failing task, integer in [0, 20]. */
  maxRetries: number;
  /** ms before the first retry after a thrown error; the k-th retry waits retryBaseDelay * 2^(k-1). >= 0. */
  retryBaseDelay: number;
  /** ms an attempt may run before its worker is presumed lost (terminated, replaced, tasks requeued). > 0. */
  taskTimeout: number;
  /** Tasks in flight per worker, integer in [1, 64]. */
  tasksInFlightPerWorker: number;
  clock?: ProcessorClock;
}

/** What a task sends when it is dispatched. */
export interface PreparedTask<Req = unknown> {
  /** Api method to call; defaults to the spec's type. */
  type?: string;
  request: Req;
  /** Buffers moved to the worker (detached on the sender). */
  transfer?: readonly Transferable[];
}

export type TaskFailureReason = 'error' | 'timeout' | 'worker-lost' | 'prepare' | 'disposed';

export interface TaskInfo {
  readonly id: number;
  readonly type: string;
  /** Attempts dispatched so far (1 = the first try). */
  readonly attempts: number;
  /** Worker slot of the last attempt, -1 if none ran. */
  readonly workerIndex: number;
  /** ms from submit to the last dispatch (-1 if never dispatched). */
  readonly waitMs: number;
  /** ms from the last dispatch to its settlement (-1 if never dispatched). */
  readonly runMs: number;
  /** Why the task failed (onError only). */
  readonly reason?: TaskFailureReason;
}

export interface TaskSpec<Req = unknown, Res = unknown> {
  /** Task type, used for per-type queue counts and as the default api method. */
  type: string;
  /** Higher = more urgent. Not NaN. */
  priority: number;
  /**
   * Builds the request at dispatch time (called again for each retry), so inputs are made and
   * transferred only when the task actually runs. Throwing fails the task (reason 'prepare', no retry).
   */
  prepare: (attempt: number) => PreparedTask<Req>;
  onComplete: (result: Res, info: TaskInfo) => void;
  /** Called once when the task gives up (after maxRetries), its prepare throws, or the processor is disposed. */
  onError: (error: Error, info: TaskInfo) => void;
  /** Receives the dropped result of a task cancelled while running (e.g. to recycle its buffers). */
  onCancelledResult?: (result: Res, info: TaskInfo) => void;
  /** false for an error that retrying cannot fix (the task fails at once); default: every error is retried. */
  retryable?: (error: Error) => boolean;
}

/**
 * queued: in the heap; retry-wait: waiting out a backoff delay; running: on a worker;
 * cancelling: cancelled while running, its result will be dropped; then completed | failed | cancelled.
 */
export type TaskState = 'queued' | 'retry-wait' | 'running' | 'cancelling' | 'completed' | 'failed' | 'cancelled';

/** What submit returns; pass it to setPriority / cancel. */
export interface TaskHandle {
  readonly id: number;
  readonly type: string;
  readonly state: TaskState;
  readonly priority: number;
  readonly attempts: number;
}
