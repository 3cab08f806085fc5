/**
 * Real threads: the esbuild-bundled worker entries on Node worker_threads, driven through
 * NodeThreadExecutor and the BackgroundProcessor with the real clock. Kept to a few seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { CHUNK_VOLUME } from '@/types/chunk';
import { BackgroundProcessor, type TaskInfo } from '@/utils/streaming/BackgroundProcessor';
import { createChunkWorkerApi, type ChunkTaskResult, type CompressResult } from '@/utils/workers/ChunkStreamingWorker';
import { NodeThreadExecutor } from '@/utils/workers/executors/NodeThreadExecutor';
import { bundleNodeWorker } from '@/utils/workers/node/bundleNodeWorker';
import { isChunkCorruptError } from '@/utils/compression/chunkCodec';
import { TerrainGenerator } from '@/utils/world/TerrainGenerator';

const SEED = 1337;
const gen = new TerrainGenerator(SEED);
const CY = Math.floor(gen.surfaceHeight(0, 0) / 32);
const SURFACE = { seed: SEED, cx: 0, cy: CY, cz: 0 };
const CHAOS_ENTRY = fileURLToPath(new URL('./fixtures/chaos.node-worker.ts', import.meta.url));

let prodFile = '';
let chaosFile = '';
const live: NodeThreadExecutor[] = [];
const inProcess = createChunkWorkerApi();

function spawn(file: string): NodeThreadExecutor {
  const ex = new NodeThreadExecutor(file, { name: `test-worker-${live.length}` });
  live.push(ex);
  return ex;
}

beforeAll(async () => {
  [prodFile, chaosFile] = await Promise.all([bundleNodeWorker(), bundleNodeWorker(CHAOS_ENTRY)]);
});

afterAll(() => {
  for (const ex of live) ex.terminate();
});

/** Runs one task through a pool and resolves with its outcome. */
function runInPool(
  pool: BackgroundProcessor,
  chaos: (attempt: number) => string | undefined,
  coords = SURFACE,
): Promise<{ result: ChunkTaskResult; info: TaskInfo }> {
  return new Promise((resolve, reject) => {
    pool.submit<object, ChunkTaskResult>({
      type: 'generate',
      priority: 1,
      prepare: (attempt) => ({ request: { ...coords, mesh: true, chaos: chaos(attempt) } }),
      onComplete: (result, info) => resolve({ result, info }),
      onError: (e) => reject(e),
    });
  });
}

describe('Node worker threads (bundled entries)', () => {
  it('bundling is cached per entry', async () => {
    expect(await bundleNodeWorker()).toBe(prodFile);
    expect(prodFile).toMatch(/chunk\.node-worker-[0-9a-f]{16}\.cjs$/);
  });

  it('generate in a worker equals the in-process result', async () => {
    const ex = spawn(prodFile);
    const r = (await ex.run('generate', { ...SURFACE, mesh: true }, [])) as ChunkTaskResult;
    const ref = inProcess.generate({ ...SURFACE, mesh: true });
    expect(r.uniform).toBe(-1);
    expect(r.voxels).toEqual(ref.voxels);
    expect(r.mesh!.quadCount).toBe(ref.mesh!.quadCount);
    expect(r.mesh!.quads).toEqual(ref.mesh!.quads);
    expect(r.borderHashes).toEqual(ref.borderHashes);
    ex.terminate();
  });

  it('transfers inputs (the sender buffer is detached) and hands them back intact', async () => {
    const ex = spawn(prodFile);
    const voxels = inProcess.generate({ ...SURFACE, mesh: false }).voxels!;
    const copy = voxels.slice();
    const p = ex.run('compress', { voxels, compression: true }, [voxels.buffer]);
    expect(voxels.buffer.byteLength).toBe(0);
    const r = (await p) as CompressResult;
    expect(r.voxels).toEqual(copy);
    expect((r.voxels as Uint16Array).buffer.byteLength).toBe(CHUNK_VOLUME * 2);
    expect(r.rawBytes).toBe(CHUNK_VOLUME * 2);
    // A corrupt entry's error crosses the thread with its name.
    const bad = r.bytes.slice();
    bad[bad.length - 3] ^= 0xff;
    const err = await ex.run('decompress', { ...SURFACE, bytes: bad, mesh: false }, [bad.buffer]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isChunkCorruptError(err)).toBe(true);
    ex.terminate();
  });

  it('a worker that exits mid-task is replaced and the chunk still loads', async () => {
    const made: NodeThreadExecutor[] = [];
    const pool = new BackgroundProcessor({
      threads: 1,
      maxRetries: 2,
      retryBaseDelay: 10,
      taskTimeout: 10_000,
      tasksInFlightPerWorker: 1,
      createExecutor: () => {
        const ex = spawn(chaosFile);
        made.push(ex);
        return ex;
      },
    });
    try {
      const { result, info } = await runInPool(pool, (attempt) => (attempt === 1 ? 'exit' : undefined));
      expect(info.attempts).toBe(2);
      expect(made).toHaveLength(2);
      expect(made[0].isDead).toBe(true);
      expect(result.voxels).toEqual(inProcess.generate({ ...SURFACE, mesh: false }).voxels);
      expect(pool.getCounters()).toMatchObject({ workerDeaths: 1, workersReplaced: 1, completed: 1 });
      // The replacement is a different thread.
      expect(await made[1].run('threadId', {}, [])).toBe(made[1].worker.threadId);
      expect(made[1].worker.threadId).not.toBe(made[0].worker.threadId);
    } finally {
      pool.dispose();
    }
  });

  it('a hung worker is terminated at taskTimeout and the task reruns; a thrown error retries on the same worker', async () => {
    const made: NodeThreadExecutor[] = [];
    const pool = new BackgroundProcessor({
      threads: 1,
      maxRetries: 2,
      retryBaseDelay: 10,
      taskTimeout: 1000,
      tasksInFlightPerWorker: 1,
      createExecutor: () => {
        const ex = spawn(chaosFile);
        made.push(ex);
        return ex;
      },
    });
    try {
      const air = { seed: SEED, cx: 0, cy: CY + 4, cz: 0 };
      const hung = await runInPool(pool, (attempt) => (attempt === 1 ? 'hang' : undefined), air);
      expect(hung.info.attempts).toBe(2);
      expect(hung.result).toMatchObject({ uniform: 0, voxels: null });
      expect(pool.getCounters()).toMatchObject({ timeouts: 1, workersReplaced: 1 });
      expect(made).toHaveLength(2);
      expect(made[0].isDead).toBe(true);

      const thrown = await runInPool(pool, (attempt) => (attempt === 1 ? 'throw' : undefined), air);
      expect(thrown.info.attempts).toBe(2);
      expect(made).toHaveLength(2); // no replacement for a thrown error
      expect(pool.getCounters()).toMatchObject({ retries: 1, failedAttempts: 2, completed: 2 });
    } finally {
      pool.dispose();
    }
    expect(made.every((e) => e.isDead)).toBe(true);
  });
});
