/**
 * Composition root of the streaming engine, shared by the browser (web workers) and the benchmarks
 * (Node worker_threads): one validated config, one worker pool, one cache, one predictor, one monitor,
 * one manager. `dispose()` releases all of them (workers terminated, meshes removed from the sink).
 */
import { ChunkStreamingManager, type FixedArea } from '@/components/world/ChunkStreamingManager';
import { type ChunkStreamingConfig, resolveStreamingBudgets, resolveStreamingConfig } from '@/config/streamingConfig';
import type { ChunkRenderSink } from '@/types/streaming';
import { BackgroundProcessor } from '@/utils/streaming/BackgroundProcessor';
import { ChunkCacheManager } from '@/utils/streaming/ChunkCacheManager';
import { PredictiveLoadingEngine } from '@/utils/streaming/PredictiveLoadingEngine';
import { StreamingPerformanceMonitor } from '@/utils/performance/StreamingPerformanceMonitor';
import type { TaskExecutor } from '@/utils/workers/executors/TaskExecutor';
import type { StreamingClock } from '@/utils/streaming/managerDeps';

export interface StreamingSystemOptions {
  config?: Partial<ChunkStreamingConfig>;
  sink: ChunkRenderSink;
  /** Makes the executor of worker slot `index` (a web worker, a Node thread, or in-process). */
  createExecutor: (index: number) => TaskExecutor;
  clock?: StreamingClock;
  fixedArea?: FixedArea;
  warn?: (message: string) => void;
  /** Persistence hook: edited chunks evicted from the cache are handed here. */
  onEvictDirty?: (entry: { key: string; bytes: Uint8Array }) => void;
}

export interface StreamingSystem {
  readonly config: Readonly<ChunkStreamingConfig>;
  readonly manager: ChunkStreamingManager;
  readonly processor: BackgroundProcessor;
  readonly cache: ChunkCacheManager;
  readonly predictor: PredictiveLoadingEngine;
  readonly monitor: StreamingPerformanceMonitor;
  dispose(): void;
}

const performanceClock: StreamingClock = { now: () => performance.now() };

export function createStreamingSystem(options: StreamingSystemOptions): StreamingSystem {
  const config = resolveStreamingConfig(options.config ?? {}, 'ChunkStreamingConfig');
  const budgets = resolveStreamingBudgets(config);
  const clock = options.clock ?? performanceClock;
  const processor = new BackgroundProcessor({
    threads: config.streamingThreads,
    createExecutor: options.createExecutor,
    maxRetries: config.maxRetries,
    retryBaseDelay: config.retryBaseDelay,
    taskTimeout: config.taskTimeout,
    tasksInFlightPerWorker: budgets.tasksInFlightPerWorker,
  });
  const cache = new ChunkCacheManager(
    { chunkCacheSize: config.chunkCacheSize, compressionEnabled: config.compressionEnabled },
    options.onEvictDirty ? { onEvictDirty: options.onEvictDirty } : undefined,
  );
  const predictor = new PredictiveLoadingEngine();
  const monitor = new StreamingPerformanceMonitor();
  const manager = new ChunkStreamingManager({
    config,
    sink: options.sink,
    processor,
    clock,
    cache,
    monitor,
    predictor,
    fixedArea: options.fixedArea,
    warn: options.warn,
  });
  let disposed = false;
  return {
    config,
    manager,
    processor,
    cache,
    predictor,
    monitor,
    dispose() {
      if (disposed) return;
      disposed = true;
      manager.dispose();
      processor.dispose();
      cache.dispose();
    },
  };
}
