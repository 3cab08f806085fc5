/**
 * Text of the F3 streaming overlay, from a plain snapshot (pure functions; no DOM, no engine).
 * Units: positions in blocks, angles in radians (shown in degrees), times in ms, sizes in bytes
 * (shown in MB = 2^20 bytes), ratios in [0, 1] (shown in %). NaN / null = not measured, shown as "–".
 */
import { CHUNK_SIZE } from '@/types/chunk';

export interface OverlaySnapshot {
  x: number;
  y: number;
  z: number;
  yaw: number;
  pitch: number;
  fps: number;
  /** Latest and mean frame interval over the ring (ms). */
  frameMs: number;
  frameMeanMs: number;
  /** Streaming main-thread ms of the latest frame. */
  streamingMs: number;
  loadedChunks: number;
  visibleChunks: number;
  /** Waiting tasks per type (generate, mesh, compress, decompress). */
  queues: Readonly<Record<string, number>>;
  workersBusy: number;
  workersTotal: number;
  tasksRunning: number;
  cacheEntries: number;
  cacheBytes: number;
  cacheHitRatio: number;
  revisitHitRatio: number;
  compressionRatio: number;
  /** JS heap (Chrome's performance.memory), NaN elsewhere. */
  heapBytes: number;
  /** Bytes held by loaded chunks and the cache (the spec's memory). */
  chunkBytes: number;
  memoryPressure: number;
  predictEnabled: boolean;
  pattern: string;
  confidence: number;
  readyOnArrival: number;
  grade: string;
  alerts: readonly string[];
  flags: Readonly<Record<string, string | number | boolean>>;
}

const DASH = '–';

export function fmtNumber(v: number, digits = 1): string {
  return Number.isFinite(v) ? v.toFixed(digits) : DASH;
}

export function fmtPercent(ratio: number, digits = 0): string {
  return Number.isFinite(ratio) ? `${(ratio * 100).toFixed(digits)}%` : DASH;
}

/** Bytes as MB (2^20) with one decimal. */
export function fmtMB(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1048576).toFixed(1)} MB` : DASH;
}

/**
 * Minecraft's F3 facing: the compass name and axis of the horizontal view direction. Yaw 0 looks toward
 * -z (north), positive yaw turns toward -x (west); sectors of 90 degrees centred on the axes.
 */
export function facing(yaw: number): string {
  if (!Number.isFinite(yaw)) return DASH;
  const twoPi = Math.PI * 2;
  let a = yaw % twoPi;
  if (a <= -Math.PI) a += twoPi;
  else if (a > Math.PI) a -= twoPi;
  const q = Math.PI / 4;
  if (a >= -q && a <= q) return 'north (-z)';
  if (a > q && a < 3 * q) return 'west (-x)';
  if (a < -q && a > -3 * q) return 'east (+x)';
  return 'south (+z)';
}

/** Radians to degrees with one decimal. */
export function fmtDegrees(rad: number): string {
  return Number.isFinite(rad) ? (rad * (180 / Math.PI)).toFixed(1) : DASH;
}

/** Chunk coordinate of a world position (Math.floor(world / 32)) as "cx, cy, cz". */
export function fmtChunk(x: number, y: number, z: number): string {
  if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) return DASH;
  return `${Math.floor(x / CHUNK_SIZE)}, ${Math.floor(y / CHUNK_SIZE)}, ${Math.floor(z / CHUNK_SIZE)}`;
}

/** "generate 12 · mesh 3 · compress 0 · decompress 0": every task type, zero when absent. */
export function fmtQueues(queues: Readonly<Record<string, number>>): string {
  const types = ['generate', 'mesh', 'compress', 'decompress'];
  const parts = types.map((t) => `${t} ${queues[t] ?? 0}`);
  for (const k of Object.keys(queues)) if (!types.includes(k)) parts.push(`${k} ${queues[k]}`);
  return parts.join(' · ');
}

/** "predict 1 · lod 0 · ..." in the flags' order, booleans as 0/1. */
export function fmtFlags(flags: Readonly<Record<string, string | number | boolean>>): string {
  return Object.keys(flags)
    .map((k) => {
      const v = flags[k];
      return `${k} ${typeof v === 'boolean' ? (v ? 1 : 0) : v}`;
    })
    .join(' · ');
}

/** The overlay's lines, in the F3 screen's order: where you are, frame, chunks, workers, cache, memory, prediction, grade. */
export function overlayLines(s: OverlaySnapshot): string[] {
  const lines = [
    `XYZ: ${fmtNumber(s.x, 2)} / ${fmtNumber(s.y, 2)} / ${fmtNumber(s.z, 2)}`,
    `Chunk: ${fmtChunk(s.x, s.y, s.z)}`,
    `Facing: ${facing(s.yaw)} (yaw ${fmtDegrees(s.yaw)}° / pitch ${fmtDegrees(s.pitch)}°)`,
    `${fmtNumber(s.fps, 0)} fps · frame ${fmtNumber(s.frameMs)} ms (mean ${fmtNumber(s.frameMeanMs)} ms) · streaming ${fmtNumber(s.streamingMs, 2)} ms`,
    `Chunks: ${s.loadedChunks} loaded · ${s.visibleChunks} visible`,
    `Queue: ${fmtQueues(s.queues)}`,
    `Workers: ${s.workersBusy}/${s.workersTotal} busy · ${s.tasksRunning} tasks running`,
    `Cache: ${s.cacheEntries} entries · ${fmtMB(s.cacheBytes)} · hit ${fmtPercent(s.cacheHitRatio)} · revisit ${fmtPercent(s.revisitHitRatio)}`,
    `Compression: ${Number.isFinite(s.compressionRatio) ? s.compressionRatio.toFixed(3) : DASH} (compressed / raw)`,
    `Memory: heap ${fmtMB(s.heapBytes)} · chunks ${fmtMB(s.chunkBytes)} · pressure ${fmtPercent(s.memoryPressure)}`,
    s.predictEnabled
      ? `Prediction: ${s.pattern} · confidence ${fmtPercent(s.confidence)} · readyOnArrival ${fmtPercent(s.readyOnArrival, 1)}`
      : `Prediction: off · readyOnArrival ${fmtPercent(s.readyOnArrival, 1)}`,
    `Grade: ${s.grade}${s.alerts.length ? ` · ${s.alerts.length} alert${s.alerts.length > 1 ? 's' : ''}` : ' · no alerts'}`,
  ];
  for (const a of s.alerts) lines.push(`  ! ${a}`);
  lines.push(`Flags: ${fmtFlags(s.flags)}`);
  return lines;
}

/**
 * Polyline points of the last `count` values of a ring (oldest left) scaled into a w x h box, y up, with
 * `maxValue` at the top (values above are clamped). Writes x, y pairs into `out` (length >= 2 * count) and
 * returns the number of points. Ring layout as utils/performance/metrics/RingBuffer.ts.
 */
export function graphPoints(
  values: Float32Array,
  head: number,
  count: number,
  capacity: number,
  maxValue: number,
  w: number,
  h: number,
  out: Float32Array,
): number {
  if (count === 0 || !(maxValue > 0)) return 0;
  const step = capacity > 1 ? w / (capacity - 1) : 0;
  const x0 = w - (count - 1) * step;
  for (let i = 0; i < count; i++) {
    const v = values[(head - count + i + capacity) % capacity];
    const clamped = v > maxValue ? maxValue : v < 0 ? 0 : v;
    out[i * 2] = x0 + i * step;
    out[i * 2 + 1] = h - (clamped / maxValue) * h;
  }
  return count;
}

/** A "nice" graph ceiling (1, 2 or 5 times a power of ten) at or above `v`; at least `min`. */
export function niceCeiling(v: number, min: number): number {
  const x = Number.isFinite(v) && v > min ? v : min;
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}
