/**
 * Browser worker entry: exposes the chunk worker api over Comlink. Loaded by WebWorkerExecutor as
 * `new Worker(new URL('../chunk.worker.ts', import.meta.url), { type: 'module' })`.
 * No top-level await: Turbopack runs workers as classic scripts.
 */
import * as Comlink from 'comlink';
import { createChunkWorkerApi } from './ChunkStreamingWorker';

Comlink.expose(createChunkWorkerApi({ wrapResult: Comlink.transfer }), self as unknown as Comlink.Endpoint);
