/**
 * Comlink over a Node worker_threads Worker running a bundled worker entry (see
 * utils/workers/node/bundleNodeWorker.ts). Death: an 'error' event (uncaught exception in the
 * thread) or an 'exit' event not caused by terminate(): pending calls reject with WorkerLostError
 * and onExit fires once.
 */
import { Worker, type TransferListItem } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/umd/node-adapter';
import { ExitListeners, PendingCalls, WorkerLostError, type TaskExecutor } from './TaskExecutor';

type RemoteApi = Record<string, (request: unknown) => Promise<unknown>>;

export interface NodeThreadExecutorOptions {
  /** Used in error messages and as the thread name. */
  name?: string;
}

export class NodeThreadExecutor implements TaskExecutor {
  readonly worker: Worker;
  private readonly remote: Comlink.Remote<RemoteApi>;
  private readonly pending = new PendingCalls();
  private readonly exits = new ExitListeners();
  private readonly name: string;
  private dead = false;

  /** `file`: a bundled .cjs/.mjs worker entry (bundleNodeWorker's output). */
  constructor(file: string, options: NodeThreadExecutorOptions = {}) {
    this.name = options.name ?? 'chunk-node-worker';
    this.worker = new Worker(file, { name: this.name });
    this.worker.on('error', this.onError);
    this.worker.on('exit', this.onExitEvent);
    this.remote = Comlink.wrap<RemoteApi>(nodeEndpoint(this.worker));
  }

  private readonly onError = (err: Error): void => {
    this.die(new WorkerLostError(`NodeThreadExecutor: ${this.name} died: ${err?.message ?? String(err)}`), true);
  };

  private readonly onExitEvent = (code: number): void => {
    this.die(new WorkerLostError(`NodeThreadExecutor: ${this.name} exited with code ${code}`), true);
  };

  private die(reason: Error, notify: boolean): void {
    if (this.dead) return;
    this.dead = true;
    this.worker.off('error', this.onError);
    this.worker.off('exit', this.onExitEvent);
    // An error event is followed by exit; terminate() is harmless on an exited thread.
    void this.worker.terminate();
    this.pending.rejectAll(reason);
    if (notify) this.exits.emit(reason);
    else this.exits.clear();
  }

  get isDead(): boolean {
    return this.dead;
  }

  run(type: string, request: unknown, transfer: readonly Transferable[]): Promise<unknown> {
    if (this.dead) return Promise.reject(new WorkerLostError(`NodeThreadExecutor: run("${type}") on dead or terminated ${this.name}`));
    const method = (this.remote as unknown as RemoteApi)[type];
    const arg =
      transfer.length > 0 && typeof request === 'object' && request !== null
        ? Comlink.transfer(request, transfer as unknown as Transferable[] & TransferListItem[])
        : request;
    return this.pending.track(method(arg));
  }

  terminate(): void {
    this.die(new WorkerLostError(`NodeThreadExecutor: ${this.name} terminated`), false);
  }

  onExit(cb: (reason: Error) => void): () => void {
    return this.exits.add(cb);
  }
}

/** createExecutor for the BackgroundProcessor: one thread per slot on the bundled `file`. */
export function nodeThreadExecutorFactory(file: string, namePrefix = 'chunk-node-worker'): (index: number) => NodeThreadExecutor {
  return (index) => new NodeThreadExecutor(file, { name: `${namePrefix}-${index}` });
}
