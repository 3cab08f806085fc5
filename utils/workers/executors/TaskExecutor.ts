/**
 * One worker of the pool, as the BackgroundProcessor sees it. Implementations: InProcessExecutor
 * (direct calls), WebWorkerExecutor (Comlink over a browser Worker), NodeThreadExecutor
 * (Comlink over Node worker_threads).
 */
export interface TaskExecutor {
  /**
   * Calls api method `type` with `request`; the buffers in `transfer` are moved to the worker
   * (the sender's copies become detached). Resolves with the method's result or rejects with its
   * error. When the worker dies or is terminated, every pending call rejects with a
   * WorkerLostError.
   */
  run(type: string, request: unknown, transfer: readonly Transferable[]): Promise<unknown>;
  /** Stops the worker now (idempotent). Pending calls reject with a WorkerLostError; onExit listeners are NOT called. */
  terminate(): void;
  /**
   * Called once when the worker dies on its own (exit / error event), never after terminate().
   * Returns the unsubscribe.
   */
  onExit(cb: (reason: Error) => void): () => void;
}

/** A pending call failed because its worker died or was terminated. */
export class WorkerLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerLostError';
  }
}

/** Small listener set used by the executors: `emit` calls each listener once, then forgets them all. */
export class ExitListeners {
  private listeners: ((reason: Error) => void)[] = [];
  private fired = false;

  add(cb: (reason: Error) => void): () => void {
    if (this.fired) return () => {};
    this.listeners.push(cb);
    return () => {
      const i = this.listeners.indexOf(cb);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Fires once; later calls do nothing. */
  emit(reason: Error): void {
    if (this.fired) return;
    this.fired = true;
    const ls = this.listeners;
    this.listeners = [];
    for (const l of ls) l(reason);
  }

  /** Drops the listeners without calling them (after an intentional terminate). */
  clear(): void {
    this.fired = true;
    this.listeners = [];
  }
}

/** Tracks the reject functions of pending calls so a lost worker fails them all at once. */
export class PendingCalls {
  private readonly rejects = new Set<(e: Error) => void>();

  get size(): number {
    return this.rejects.size;
  }

  /** Wraps a promise so it can be rejected by rejectAll; settles at most once. */
  track<T>(p: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const rej = (e: Error) => {
        if (done) return;
        done = true;
        this.rejects.delete(rej);
        reject(e);
      };
      this.rejects.add(rej);
      p.then(
        (v) => {
          if (done) return;
          done = true;
          this.rejects.delete(rej);
          resolve(v);
        },
        (e: unknown) => rej(e instanceof Error ? e : new Error(String(e))),
      );
    });
  }

  rejectAll(e: Error): void {
    const all = [...this.rejects];
    this.rejects.clear();
    for (const r of all) r(e);
  }
}
