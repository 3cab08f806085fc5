/**
 * Comlink over a browser module Worker running utils/workers/chunk.worker.ts.
 * Death: an 'error' event on the Worker (script failed to load, or an uncaught error in it) counts
 * as death: the worker is terminated, pending calls reject with WorkerLostError and onExit fires.
 */
import * as Comlink from 'comlink';
import { ExitListeners, PendingCalls, WorkerLostError, type TaskExecutor } from './TaskExecutor';

type RemoteApi = Record<string, (request: unknown) => Promise<unknown>>;

export interface WebWorkerExecutorOptions {
  /** Name shown in devtools and in error messages. */
  name?: string;
}

export class WebWorkerExecutor implements TaskExecutor {
  private readonly worker: Worker;
  private readonly remote: Comlink.Remote<RemoteApi>;
  private readonly pending = new PendingCalls();
  private readonly exits = new ExitListeners();
  private readonly name: string;
  private dead = false;

  constructor(options: WebWorkerExecutorOptions = {}) {
    this.name = options.name ?? 'chunk-worker';
    // Written inline in this exact form: Turbopack only bundles `new Worker(new URL(..., import.meta.url))`.
    this.worker = new Worker(new URL('../chunk.worker.ts', import.meta.url), { type: 'module' });
    this.worker.addEventListener('error', this.onError);
    this.remote = Comlink.wrap<RemoteApi>(this.worker);
  }

  private readonly onError = (ev: ErrorEvent | Event): void => {
    const msg = (ev as ErrorEvent).message || 'worker error event (script failed to load or threw)';
    if (typeof (ev as Event).preventDefault === 'function') ev.preventDefault();
    this.die(new WorkerLostError(`WebWorkerExecutor: ${this.name} died: ${msg}`), true);
  };

  private die(reason: Error, notify: boolean): void {
    if (this.dead) return;
    this.dead = true;
    this.worker.removeEventListener('error', this.onError);
    this.worker.terminate();
    this.pending.rejectAll(reason);
    if (notify) this.exits.emit(reason);
    else this.exits.clear();
  }

  run(type: string, request: unknown, transfer: readonly Transferable[]): Promise<unknown> {
    if (this.dead) return Promise.reject(new WorkerLostError(`WebWorkerExecutor: run("${type}") on dead or terminated ${this.name}`));
    const method = (this.remote as unknown as RemoteApi)[type];
    const arg = transfer.length > 0 && typeof request === 'object' && request !== null ? Comlink.transfer(request, transfer as Transferable[]) : request;
    return this.pending.track(method(arg));
  }

  terminate(): void {
    this.die(new WorkerLostError(`WebWorkerExecutor: ${this.name} terminated`), false);
  }

  onExit(cb: (reason: Error) => void): () => void {
    return this.exits.add(cb);
  }
}
