/**
 * Node worker_threads entry: exposes the chunk worker api over Comlink on parentPort.
 * Bundled by utils/workers/node/bundleNodeWorker.ts and run by NodeThreadExecutor.
 */
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/umd/node-adapter';
import { createChunkWorkerApi } from './ChunkStreamingWorker';

if (!parentPort) throw new Error('chunk.node-worker: must run inside a worker_threads Worker (no parentPort)');
Comlink.expose(createChunkWorkerApi({ wrapResult: Comlink.transfer }), nodeEndpoint(parentPort));
