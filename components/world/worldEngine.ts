/**
 * The browser's world engine: the streaming system on web workers, feeding the renderer through the
 * store sink. The R3F loop calls `update` once per frame; nothing here touches React state per frame
 * (the store gets loading progress at most LOW_FREQUENCY_MS apart).
 */
import type { ChunkStreamingConfig } from '@/config/streamingConfig';
import { resolveStreamingConfig } from '@/config/streamingConfig';
import { worldToChunk } from '@/types/chunk';
import type { ChunkRenderSink, Vec3Like } from '@/types/streaming';
import { createStreamingSystem, type StreamingSystem } from '@/utils/streaming/createStreamingSystem';
import { TerrainGenerator } from '@/utils/world/TerrainGenerator';
import { WebWorkerExecutor } from '@/utils/workers/executors/WebWorkerExecutor';
import { InProcessExecutor } from '@/utils/workers/executors/InProcessExecutor';
import { createChunkWorkerApi } from '@/utils/workers/ChunkStreamingWorker';
import { createStoreSink, worldStore, type WorldStore } from '@/store/worldStore';

export interface WorldEngine {
  /** Called once per frame with the player's world position (float64), velocity (blocks/s), frame delta (s) and unit view direction. */
  update(position: Vec3Like, velocity: Vec3Like, deltaTime: number, view: Vec3Like): void;
  /** Spawn position chosen from the terrain (above the surface at the origin). */
  readonly spawn: Vec3Like;
  readonly system: StreamingSystem;
  dispose(): void;
}

export interface WorldEngineOptions {
  sink: ChunkRenderSink;
  config?: Partial<ChunkStreamingConfig>;
  /** false: a fixed area around spawn (radius 6 chunks, every chunk that holds terrain), no streaming. */
  streaming?: boolean;
  store?: WorldStore;
}

/** ms between store updates (loading progress). */
const LOW_FREQUENCY_MS = 200;
/** Fixed-area radius (chunks, horizontal) with streaming off. */
export const FIXED_AREA_RADIUS_CHUNKS = 6;

export function createWorldEngine(options: WorldEngineOptions): WorldEngine {
  const store = options.store ?? worldStore;
  const config = resolveStreamingConfig(options.config ?? {}, 'ChunkStreamingConfig');
  const terrain = new TerrainGenerator(config.worldSeed);
  const groundY = terrain.surfaceHeight(8, 8);
  const spawn = { x: 8.5, y: Math.max(groundY, 62) + 20, z: 8.5 };
  const streaming = options.streaming !== false;
  const fixedArea = streaming
    ? undefined
    : {
        cx: worldToChunk(spawn.x),
        cz: worldToChunk(spawn.z),
        radiusChunks: FIXED_AREA_RADIUS_CHUNKS,
        cyMin: -1,
        cyMax: worldToChunk(260),
      };
  const sink = createStoreSink(store, options.sink);
  const system = createStreamingSystem({
    config,
    sink,
    fixedArea,
    createExecutor: config.enableBackgroundGeneration
      ? () => new WebWorkerExecutor()
      : () => new InProcessExecutor(createChunkWorkerApi()),
    warn: (message) => {
      console.warn(message);
      store.getState().addWarning(message);
    },
  });
  store.getState().setStatus('loading');
  let lastStoreMs = -Infinity;
  let disposed = false;

  return {
    spawn,
    system,
    update(position, velocity, deltaTime, view) {
      if (disposed) return;
      system.manager.updateStreaming(position, velocity, deltaTime, view);
      store.getState().commitChunks();
      const now = performance.now();
      if (now - lastStoreMs >= LOW_FREQUENCY_MS) {
        lastStoreMs = now;
        const progress = system.manager.getLoadingProgress();
        const s = store.getState();
        s.setLoading(progress);
        if (progress.complete && s.status === 'loading') s.setStatus('running');
        const lost = system.processor.lastExecutorError;
        if (lost && s.status !== 'error' && system.processor.getProcessingMetrics().totalWorkers === 0) {
          s.setStatus('error', `A background worker could not start: ${lost}`);
        }
      }
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      system.dispose();
      store.getState().commitChunks();
    },
  };
}
