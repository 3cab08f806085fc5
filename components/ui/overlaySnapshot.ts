/**
 * Fills an OverlaySnapshot from the running world (engine, player, renderer) and the frame monitor.
 * Called a few times a second by the overlay, never per frame; it reuses the snapshot object and the
 * frustum scratch (the queue-size object from BackgroundProcessor.getQueueSizes is the one allocation).
 */
import * as THREE from 'three';
import type { VoxelWorld } from '@/components/world/ModularVoxelCanvas';
import type { PerformanceMonitor } from '@/utils/performance/PerformanceMonitor';
import type { OverlaySnapshot } from './overlayFormat';

export function createOverlaySnapshot(): OverlaySnapshot {
  return {
    x: NaN,
    y: NaN,
    z: NaN,
    yaw: NaN,
    pitch: NaN,
    fps: NaN,
    frameMs: NaN,
    frameMeanMs: NaN,
    streamingMs: NaN,
    loadedChunks: 0,
    visibleChunks: 0,
    queues: {},
    workersBusy: 0,
    workersTotal: 0,
    tasksRunning: 0,
    cacheEntries: 0,
    cacheBytes: 0,
    cacheHitRatio: NaN,
    revisitHitRatio: NaN,
    compressionRatio: NaN,
    heapBytes: NaN,
    chunkBytes: NaN,
    memoryPressure: NaN,
    predictEnabled: true,
    pattern: 'insufficient_data',
    confidence: NaN,
    readyOnArrival: NaN,
    grade: 'F',
    alerts: [],
    flags: {},
  };
}

const frustum = new THREE.Frustum();
const viewProjection = new THREE.Matrix4();
const visibleKeys = new Set<string>();

/** Chunks with at least one mesh inside the camera frustum (meshes are named "chunk <key>[ water]"). */
export function countVisibleChunks(group: THREE.Object3D, camera: THREE.Camera | null): number {
  if (!camera) return 0;
  camera.updateMatrixWorld();
  viewProjection.multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse);
  frustum.setFromProjectionMatrix(viewProjection);
  visibleKeys.clear();
  const children = group.children;
  for (let i = 0; i < children.length; i++) {
    const m = children[i] as THREE.Mesh;
    if (!m.isMesh || !m.visible) continue;
    if (m.geometry.boundingSphere === null) m.geometry.computeBoundingSphere();
    if (frustum.intersectsObject(m)) visibleKeys.add(m.name.endsWith(' water') ? m.name.slice(0, -6) : m.name);
  }
  const n = visibleKeys.size;
  visibleKeys.clear();
  return n;
}

interface ChromeMemory {
  usedJSHeapSize?: number;
}

export function fillOverlaySnapshot(
  s: OverlaySnapshot,
  world: VoxelWorld,
  perf: PerformanceMonitor,
  camera: THREE.Camera | null,
  flags: Readonly<Record<string, string | number | boolean>>,
): OverlaySnapshot {
  const { player, engine, meshRenderer } = world;
  const sys = engine.system;
  const monitor = sys.monitor;
  s.x = player.position.x;
  s.y = player.position.y;
  s.z = player.position.z;
  s.yaw = player.yaw;
  s.pitch = player.pitch;
  s.fps = perf.fps();
  s.frameMs = perf.frameMs.latest();
  s.frameMeanMs = perf.frameMs.mean();
  s.streamingMs = sys.manager.lastFrameMainThreadMs;
  s.loadedChunks = meshRenderer.getStats().chunks;
  s.visibleChunks = countVisibleChunks(meshRenderer.group, camera);
  s.queues = sys.processor.getQueueSizes();
  const pm = sys.processor.getProcessingMetrics();
  s.workersTotal = pm.totalWorkers;
  s.workersBusy = pm.totalWorkers - pm.availableWorkers;
  s.tasksRunning = pm.activeTasks;
  const cache = monitor.cache;
  s.cacheEntries = cache.entries;
  s.cacheBytes = cache.bytes;
  s.cacheHitRatio = monitor.cacheHitRatio();
  s.revisitHitRatio = monitor.revisitHitRatio();
  s.compressionRatio = monitor.compressionRatio();
  const mem = (performance as unknown as { memory?: ChromeMemory }).memory;
  s.heapBytes = mem && typeof mem.usedJSHeapSize === 'number' ? mem.usedJSHeapSize : NaN;
  s.chunkBytes = sys.manager.memoryBytes();
  s.memoryPressure = monitor.memoryPressure();
  s.predictEnabled = sys.config.enablePredictiveLoading;
  const prediction = sys.predictor.predict();
  s.pattern = prediction.movementPattern.type;
  s.confidence = prediction.confidence;
  s.readyOnArrival = monitor.readyOnArrival();
  s.grade = monitor.performanceGrade;
  const alerts = monitor.getAlerts();
  if (alerts.length !== s.alerts.length || alerts.some((a, i) => a.message !== s.alerts[i])) s.alerts = alerts.map((a) => a.message);
  s.flags = flags;
  return s;
}
