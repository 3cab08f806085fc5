/**
 * Runs api methods on the calling thread (tests, and `enableBackgroundGeneration: false`).
 * Nothing is transferred: the caller and the api share buffers.
 */
import { ExitListeners, PendingCalls, WorkerLostError, type TaskExecutor } from './TaskExecutor';

/** Any object of methods taking one request (the chunk worker api, or a test double). */
export type InProcessApi = object;

export interface InProcessExecutorOptions {
  /**
   * When the method runs: 'none' = inside run(); 'microtask' (default) = after the current
   * synchronous code; 'macrotask' = via `schedule` (default setTimeout 0), i.e. after pending I/O
   * and rendering work, so a main-thread fallback does not run tasks inside the dispatch call.
   */
  defer?: 'none' | 'microtask' | 'macrotask';
  schedule?: (fn: () => void) => void;
  /** Name used in error messages. */
  name?: string;
}

export class InProcessExecutor implements TaskExecutor {
  private readonly pending = new PendingCalls();
  private readonly exits = new ExitListeners();
  private terminated = false;
  private readonly defer: 'none' | 'microtask' | 'macrotask';
  private readonly schedule: (fn: () => void) => void;
  private readonly name: string;

  constructor(
    private readonly api: InProcessApi,
    options: InProcessExecutorOptions = {},
  ) {
    this.defer = options.defer ?? 'microtask';
    this.schedule = options.schedule ?? ((fn) => void setTimeout(fn, 0));
    this.name = options.name ?? 'InProcessExecutor';
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  get isTerminated(): boolean {
    return this.terminated;
  }

  run(type: string, request: unknown, _transfer: readonly Transferable[]): Promise<unknown> {
    if (this.terminated) return Promise.reject(new WorkerLostError(`${this.name}: run("${type}") after terminate()`));
    const fn = (this.api as Record<string, unknown>)[type];
    if (typeof fn !== 'function') {
      const known = Object.keys(this.api).filter((k) => typeof (this.api as Record<string, unknown>)[k] === 'function');
      return Promise.reject(new Error(`${this.name}: unknown task type "${type}", the api has ${known.join(', ')}`));
    }
    const call = (): unknown => (fn as (r: unknown) => unknown).call(this.api, request);
    let p: Promise<unknown>;
    if (this.defer === 'none') {
      try {
        p = Promise.resolve(call());
      } catch (e) {
        p = Promise.reject(e);
      }
    } else {
      p = new Promise((resolve, reject) => {
        const go = () => {
          if (this.terminated) return; // the tracked promise was already rejected
          try {
            resolve(call());
          } catch (e) {
            reject(e);
          }
        };
        if (this.defer === 'microtask') queueMicrotask(go);
        else this.schedule(go);
      });
    }
    return this.pending.track(p);
  }

  terminate(): void {
    if (this.terminated) return;
    this.terminated = true;
    this.exits.clear();
    this.pending.rejectAll(new WorkerLostError(`${this.name}: terminated`));
  }

  onExit(cb: (reason: Error) => void): () => void {
    return this.exits.add(cb);
  }
}
