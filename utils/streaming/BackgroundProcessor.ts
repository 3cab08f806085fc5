/**
 * Worker pool with one priority heap (utils/streaming/PriorityHeap.ts; higher = more urgent, FIFO on ties).
 *
 * - Dispatch: the most urgent queued task goes to the live worker with the fewest tasks in flight
 *   (lowest slot index on ties), up to `tasksInFlightPerWorker` per worker. Submissions are
 *   dispatched in a microtask, so a batch submitted in one go is started in priority order;
 *   `dispatch()` starts them synchronously. A finished task frees its slot and dispatches at once.
 * - `prepare(attempt)` runs at dispatch time, so inputs are built and transferred only when a task runs.
 * - A thrown worker error is retried after retryBaseDelay * 2^(attempt-1) ms (attempt = the attempt
 *   that failed: base, 2*base, 4*base ...) while attempts <= maxRetries; then onError(last error).
 * - A worker that dies (its executor's onExit) or runs one attempt longer than `taskTimeout` is
 *   terminated and replaced by `createExecutor(index)`; each of its in-flight tasks has that attempt
 *   counted as failed and is requeued at once (no delay: the fault was the worker's), or gets
 *   onError (reason 'timeout' / 'worker-lost') when its attempts are used up.
 * - cancel(): a queued or retry-waiting task is removed (returns true, no callback). A running one
 *   is marked 'cancelling' (returns false): its result is dropped, handed to onCancelledResult if
 *   given, and neither onComplete nor onError is called.
 * - dispose(): terminates every worker; every task not finished or cancelled gets
 *   onError(BackgroundProcessorDisposedError, { reason: 'disposed' }) (counted in `disposedTasks`).
 * All times come from the injected clock; tests hand-step it.
 */
import { PriorityHeap, type HeapEntry } from './PriorityHeap';
import type { TaskExecutor } from '@/utils/workers/executors/TaskExecutor';
import {
  createCounters,
  deriveRates,
  processingGrade,
  TimeWindow,
  type BackgroundProcessingMetrics,
  type BackgroundProcessorCounters,
} from './backgroundTasks/processingMetrics';
import {
  realClock,
  type BackgroundProcessorOptions,
  type ProcessorClock,
  type TaskFailureReason,
  type TaskHandle,
  type TaskInfo,
  type TaskSpec,
  type TaskState,
} from './backgroundTasks/taskTypes';

export type {
  BackgroundProcessorOptions,
  ProcessorClock,
  PreparedTask,
  TaskFailureReason,
  TaskHandle,
  TaskInfo,
  TaskSpec,
  TaskState,
} from './backgroundTasks/taskTypes';
export type { BackgroundProcessingMetrics, BackgroundProcessorCounters } from './backgroundTasks/processingMetrics';
export { PROCESSING_GRADE_THRESHOLDS } from './backgroundTasks/processingMetrics';

/** The error pending tasks receive when the processor is disposed. */
export class BackgroundProcessorDisposedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackgroundProcessorDisposedError';
  }
}

interface WorkerSlot {
  readonly index: number;
  executor: TaskExecutor | null;
  unsubscribe: (() => void) | null;
  readonly inFlight: Set<Task>;
  /** Consecutive createExecutor failures (for the re-creation backoff). */
  createFailures: number;
  createTimer: unknown;
}

class Task implements TaskHandle {
  state: TaskState = 'queued';
  attempts = 0;
  entry: HeapEntry<Task> | null = null;
  slot: WorkerSlot | null = null;
  workerIndex = -1;
  /** Incremented on every dispatch and every loss; a settlement with an older token is stale. */
  token = 0;
  dispatchedAt = -1;
  runMs = -1;
  timeoutHandle: unknown = null;
  retryHandle: unknown = null;

  constructor(
    readonly id: number,
    readonly spec: TaskSpec<unknown, unknown>,
    public priority: number,
    readonly submittedAt: number,
  ) {}

  get type(): string {
    return this.spec.type;
  }
}

function checkInt(name: string, v: number, min: number, max: number): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new Error(`BackgroundProcessor: ${name} must be an integer in [${min}, ${max}], got ${String(v)}`);
  }
}

function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

export class BackgroundProcessor {
  private readonly heap = new PriorityHeap<Task>();
  private readonly slots: WorkerSlot[] = [];
  private readonly clock: ProcessorClock;
  private readonly createExecutor: (index: number) => TaskExecutor;
  private readonly maxRetries: number;
  private readonly retryBaseDelay: number;
  private readonly taskTimeout: number;
  private readonly perWorker: number;
  private readonly counters = createCounters();
  private readonly times = new TimeWindow();
  /** Queued + retry-waiting tasks per spec type. */
  private readonly waitingByType = new Map<string, number>();
  private readonly retryWaiting = new Set<Task>();
  private nextId = 1;
  private running = 0;
  private dispatchScheduled = false;
  private dispatching = false;
  private disposed = false;
  /** Message of the last createExecutor failure (the slot is retried with backoff), or null. */
  lastExecutorError: string | null = null;

  constructor(options: BackgroundProcessorOptions) {
    if (options === null || typeof options !== 'object') {
      throw new Error(`BackgroundProcessor: options must be an object, got ${String(options)}`);
    }
    checkInt('threads', options.threads, 1, 64);
    checkInt('maxRetries', options.maxRetries, 0, 20);
    checkInt('tasksInFlightPerWorker', options.tasksInFlightPerWorker, 1, 64);
    if (typeof options.retryBaseDelay !== 'number' || !(options.retryBaseDelay >= 0) || !Number.isFinite(options.retryBaseDelay)) {
      throw new Error(`BackgroundProcessor: retryBaseDelay must be a finite number >= 0 ms, got ${String(options.retryBaseDelay)}`);
    }
    if (typeof options.taskTimeout !== 'number' || !(options.taskTimeout > 0)) {
      throw new Error(`BackgroundProcessor: taskTimeout must be a number > 0 ms, got ${String(options.taskTimeout)}`);
    }
    if (typeof options.createExecutor !== 'function') {
      throw new Error('BackgroundProcessor: createExecutor must be a function (index) => TaskExecutor');
    }
    this.clock = options.clock ?? realClock;
    this.createExecutor = options.createExecutor;
    this.maxRetries = options.maxRetries;
    this.retryBaseDelay = options.retryBaseDelay;
    this.taskTimeout = options.taskTimeout;
    this.perWorker = options.tasksInFlightPerWorker;
    for (let i = 0; i < options.threads; i++) {
      const slot: WorkerSlot = { index: i, executor: null, unsubscribe: null, inFlight: new Set(), createFailures: 0, createTimer: null };
      this.slots.push(slot);
      this.startWorker(slot);
    }
  }

  // ---- public API ----

  submit<Req, Res>(spec: TaskSpec<Req, Res>): TaskHandle {
    if (this.disposed) throw new Error(`BackgroundProcessor: submit of a "${spec?.type}" task after dispose()`);
    if (typeof spec?.prepare !== 'function' || typeof spec.onComplete !== 'function' || typeof spec.onError !== 'function') {
      throw new Error('BackgroundProcessor: a task needs prepare, onComplete and onError functions');
    }
    const task = new Task(this.nextId++, spec as TaskSpec<unknown, unknown>, spec.priority, this.clock.now());
    this.counters.submitted++;
    this.enqueue(task); // throws on a NaN priority before anything is counted as waiting
    this.scheduleDispatch();
    return task;
  }

  /** Changes a task's priority: O(log n) while queued; stored for later otherwise. */
  setPriority(handle: TaskHandle, priority: number): void {
    const task = handle as Task;
    if (task.entry !== null && task.state === 'queued') this.heap.update(task.entry, priority);
    else if (Number.isNaN(priority)) throw new Error('BackgroundProcessor: priority must be a number (not NaN), got NaN');
    task.priority = priority;
  }

  /** true if the task was removed before running; false if it was running (now 'cancelling') or already over. */
  cancel(handle: TaskHandle): boolean {
    const task = handle as Task;
    switch (task.state) {
      case 'queued':
        this.heap.remove(task.entry as HeapEntry<Task>);
        this.leaveWaiting(task);
        task.state = 'cancelled';
        this.counters.cancelledQueued++;
        return true;
      case 'retry-wait':
        this.clock.clearTimeout(task.retryHandle);
        task.retryHandle = null;
        this.retryWaiting.delete(task);
        this.leaveWaiting(task);
        task.state = 'cancelled';
        this.counters.cancelledQueued++;
        return true;
      case 'running':
        task.state = 'cancelling';
        return false;
      default:
        return false;
    }
  }

  /** Starts queued tasks on free worker slots now, most urgent first. */
  dispatch(): void {
    if (this.disposed || this.dispatching) return;
    this.dispatching = true;
    try {
      while (this.heap.size > 0) {
        const slot = this.freeSlot();
        if (slot === null) break;
        const task = (this.heap.popEntry() as HeapEntry<Task>).value;
        this.leaveWaiting(task);
        this.start(task, slot);
      }
    } finally {
      this.dispatching = false;
    }
  }

  /** Tasks waiting (in the heap or a retry delay). */
  get queuedCount(): number {
    return this.heap.size + this.retryWaiting.size;
  }

  /** Attempts running on workers (including cancelling ones). */
  get inFlightCount(): number {
    return this.running;
  }

  /** Waiting tasks (queued + retry-wait) of one type. */
  queuedCountOf(type: string): number {
    return this.waitingByType.get(type) ?? 0;
  }

  /** Waiting tasks per type (a fresh object). */
  getQueueSizes(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [k, v] of this.waitingByType) if (v > 0) out[k] = v;
    return out;
  }

  getCounters(): BackgroundProcessorCounters {
    return { ...this.counters };
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  getProcessingMetrics(): BackgroundProcessingMetrics {
    let totalWorkers = 0;
    let availableWorkers = 0;
    for (const s of this.slots) {
      if (s.executor === null) continue;
      totalWorkers++;
      if (s.inFlight.size < this.perWorker) availableWorkers++;
    }
    const rates = deriveRates(this.counters);
    return {
      activeTasks: this.running,
      queuedTasks: this.queuedCount,
      totalWorkers,
      availableWorkers,
      averageProcessingTime: this.times.mean(),
      ...rates,
      performanceGrade: processingGrade(rates.taskFailureRate, rates.queueEfficiency),
    };
  }

  /** Terminates every worker; every pending task gets onError with reason 'disposed'. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const pending: Task[] = [];
    for (const slot of this.slots) {
      if (slot.createTimer !== null) this.clock.clearTimeout(slot.createTimer);
      slot.createTimer = null;
      for (const t of slot.inFlight) {
        this.clock.clearTimeout(t.timeoutHandle);
        t.timeoutHandle = null;
        t.token++;
        t.slot = null;
        if (t.state === 'cancelling') t.state = 'cancelled';
        else pending.push(t);
      }
      slot.inFlight.clear();
      this.dropExecutor(slot);
    }
    this.running = 0;
    for (const t of this.retryWaiting) {
      this.clock.clearTimeout(t.retryHandle);
      t.retryHandle = null;
      pending.push(t);
    }
    this.retryWaiting.clear();
    for (let e = this.heap.popEntry(); e !== undefined; e = this.heap.popEntry()) pending.push(e.value);
    this.waitingByType.clear();
    const err = new BackgroundProcessorDisposedError('BackgroundProcessor: disposed before the task finished');
    for (const t of pending) {
      t.state = 'failed';
      this.counters.disposedTasks++;
      t.spec.onError(err, this.info(t, 'disposed'));
    }
  }

  // ---- internals ----

  private info(t: Task, reason?: TaskFailureReason): TaskInfo {
    return {
      id: t.id,
      type: t.spec.type,
      attempts: t.attempts,
      workerIndex: t.workerIndex,
      waitMs: t.dispatchedAt < 0 ? -1 : t.dispatchedAt - t.submittedAt,
      runMs: t.runMs,
      reason,
    };
  }

  private scheduleDispatch(): void {
    if (this.dispatchScheduled) return;
    this.dispatchScheduled = true;
    queueMicrotask(() => {
      this.dispatchScheduled = false;
      this.dispatch();
    });
  }

  private enqueue(task: Task): void {
    if (task.entry === null) task.entry = this.heap.push(task, task.priority);
    else this.heap.reinsert(task.entry, task.priority);
    task.state = 'queued';
    this.waitingByType.set(task.spec.type, (this.waitingByType.get(task.spec.type) ?? 0) + 1);
  }

  private leaveWaiting(task: Task): void {
    const n = (this.waitingByType.get(task.spec.type) ?? 0) - 1;
    this.waitingByType.set(task.spec.type, n);
  }

  private freeSlot(): WorkerSlot | null {
    let best: WorkerSlot | null = null;
    for (const s of this.slots) {
      if (s.executor === null || s.inFlight.size >= this.perWorker) continue;
      if (best === null || s.inFlight.size < best.inFlight.size) best = s;
    }
    return best;
  }

  private start(task: Task, slot: WorkerSlot): void {
    task.attempts++;
    let prepared;
    try {
      prepared = task.spec.prepare(task.attempts);
    } catch (e) {
      task.state = 'failed';
      this.counters.failed++;
      task.spec.onError(toError(e), this.info(task, 'prepare'));
      return;
    }
    const executor = slot.executor as TaskExecutor;
    const token = ++task.token;
    task.state = 'running';
    task.slot = slot;
    task.workerIndex = slot.index;
    task.dispatchedAt = this.clock.now();
    task.runMs = -1;
    slot.inFlight.add(task);
    this.running++;
    this.counters.started++;
    task.timeoutHandle = this.clock.setTimeout(() => this.onTimeout(task, token), this.taskTimeout);
    let p: Promise<unknown>;
    try {
      p = executor.run(prepared.type ?? task.spec.type, prepared.request, prepared.transfer ?? []);
    } catch (e) {
      p = Promise.reject(e);
    }
    p.then(
      (result) => this.settle(task, token, result, null),
      (error: unknown) => this.settle(task, token, undefined, toError(error)),
    );
  }

  /** Ends the current attempt of a running task (removes it from its slot). */
  private endAttempt(task: Task): WorkerSlot {
    const slot = task.slot as WorkerSlot;
    this.clock.clearTimeout(task.timeoutHandle);
    task.timeoutHandle = null;
    slot.inFlight.delete(task);
    task.slot = null;
    task.token++;
    this.running--;
    task.runMs = this.clock.now() - task.dispatchedAt;
    return slot;
  }

  private settle(task: Task, token: number, result: unknown, error: Error | null): void {
    if (this.disposed || token !== task.token || (task.state !== 'running' && task.state !== 'cancelling')) return;
    this.endAttempt(task);
    try {
      if (task.state === 'cancelling') {
        task.state = 'cancelled';
        this.counters.cancelledRunning++;
        if (error === null && task.spec.onCancelledResult) task.spec.onCancelledResult(result, this.info(task));
      } else if (error !== null) {
        this.counters.failedAttempts++;
        if (task.spec.retryable && !task.spec.retryable(error)) {
          // A deterministic failure (e.g. corrupt input): retrying cannot help.
          task.state = 'failed';
          this.counters.failed++;
          task.spec.onError(error, this.info(task, 'error'));
        } else {
          this.retryOrFail(task, error, 'error', true);
        }
      } else {
        task.state = 'completed';
        this.counters.completed++;
        this.times.add(task.runMs);
        task.spec.onComplete(result, this.info(task));
      }
    } finally {
      this.dispatch();
    }
  }

  /** After a failed attempt: retry (with backoff or at once) while attempts <= maxRetries, else onError. */
  private retryOrFail(task: Task, error: Error, reason: TaskFailureReason, backoff: boolean): void {
    if (task.attempts > this.maxRetries) {
      task.state = 'failed';
      this.counters.failed++;
      task.spec.onError(error, this.info(task, reason));
      return;
    }
    if (!backoff) {
      this.counters.requeuedLost++;
      this.enqueue(task);
      return;
    }
    this.counters.retries++;
    const delay = this.retryBaseDelay * 2 ** (task.attempts - 1);
    task.state = 'retry-wait';
    this.retryWaiting.add(task);
    this.waitingByType.set(task.spec.type, (this.waitingByType.get(task.spec.type) ?? 0) + 1);
    task.retryHandle = this.clock.setTimeout(() => {
      task.retryHandle = null;
      if (!this.retryWaiting.delete(task)) return;
      this.leaveWaiting(task);
      this.enqueue(task);
      this.dispatch();
    }, delay);
  }

  private onTimeout(task: Task, token: number): void {
    if (this.disposed || token !== task.token || task.slot === null) return;
    task.timeoutHandle = null;
    this.counters.timeouts++;
    const slot = task.slot;
    const err = new Error(
      `BackgroundProcessor: task ${task.id} (${task.spec.type}) exceeded taskTimeout ${this.taskTimeout} ms on worker ${slot.index}`,
    );
    this.replaceWorker(slot, err, task);
  }

  /** Terminates the slot's worker, starts a new one, and requeues (or fails) its in-flight tasks. */
  private replaceWorker(slot: WorkerSlot, reason: Error, timedOut: Task | null): void {
    const lost = [...slot.inFlight];
    for (const t of lost) this.endAttempt(t);
    this.dropExecutor(slot);
    this.counters.workersReplaced++;
    this.startWorker(slot);
    for (const t of lost) {
      if (t.state === 'cancelling') {
        t.state = 'cancelled';
        this.counters.cancelledRunning++;
        continue;
      }
      this.counters.failedAttempts++;
      const isCulprit = t === timedOut;
      const err = isCulprit
        ? reason
        : new Error(`BackgroundProcessor: worker ${slot.index} was lost while running task ${t.id} (${t.spec.type}): ${reason.message}`);
      this.retryOrFail(t, err, isCulprit ? 'timeout' : 'worker-lost', false);
    }
    this.dispatch();
  }

  private dropExecutor(slot: WorkerSlot): void {
    const ex = slot.executor;
    slot.unsubscribe?.();
    slot.unsubscribe = null;
    slot.executor = null;
    if (ex !== null) ex.terminate();
  }

  private startWorker(slot: WorkerSlot): void {
    if (this.disposed) return;
    let ex: TaskExecutor;
    try {
      ex = this.createExecutor(slot.index);
    } catch (e) {
      // Try again later with backoff (capped at 64 x base, at least 1 ms); queued tasks wait meanwhile.
      slot.createFailures++;
      const delay = Math.max(1, this.retryBaseDelay) * 2 ** Math.min(slot.createFailures - 1, 6);
      slot.createTimer = this.clock.setTimeout(() => {
        slot.createTimer = null;
        this.startWorker(slot);
        this.dispatch();
      }, delay);
      this.lastExecutorError = `BackgroundProcessor: createExecutor(${slot.index}) threw: ${toError(e).message}`;
      return;
    }
    slot.createFailures = 0;
    slot.executor = ex;
    slot.unsubscribe = ex.onExit((reason) => {
      if (slot.executor !== ex || this.disposed) return;
      this.counters.workerDeaths++;
      this.replaceWorker(slot, reason, null);
    });
  }
}
