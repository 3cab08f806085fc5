/**
 * PredictiveLoadingEngine: movement history -> movement pattern -> predicted path (seed §2).
 *
 * Per frame the manager calls `record(...)`, then `predict()` and `samplePath(...)`. Nothing on that path
 * allocates: the history is a ring of Float64Array columns, the analysis writes into reused objects, and
 * `predict()` / `analyze()` return the same instances every call (recomputed only after a new sample).
 *
 * Units: time in ms on the caller's clock for `record` (any monotonic clock; a hand-stepped one in tests),
 * seconds for horizons and path times, blocks and blocks/s for positions and velocities. Heading and turn
 * rate conventions: types/prediction.ts. Patterns and confidence: prediction/movementAnalysis.ts. Path
 * models: prediction/pathModel.ts.
 *
 * Prediction per pattern:
 *   stationary         p
 *   linear             p + v t, v the recent-weighted velocity
 *   curved             arc with the fitted turn rate, heading and mean horizontal speed; vertical velocity linear
 *   exploratory        recent-weighted velocity kept for EXPLORATORY_PERSISTENCE_S then fading (expected
 *                      position of a walk with random heading changes); confidence decays within seconds
 *   insufficient_data  p + v t with the latest sample's velocity, confidence 0
 */
import type {
  ChunkPrediction,
  ChunkPriority,
  MovementPattern,
  PredictedPosition,
  PredictiveLoadingOptions,
} from '@/types/prediction';
import type { Vec3Like } from '@/types/streaming';
import { worldToChunk } from '@/types/chunk';
import { MovementHistory } from './prediction/MovementHistory';
import { createHeadingFit } from './prediction/headingFit';
import {
  classifyMovement,
  computeWindowStats,
  createWindowStats,
  fitSampleHeadings,
  fitSegmentHeadings,
  shortWindowCount,
} from './prediction/movementAnalysis';
import {
  confidenceAt,
  createPathModel,
  pathLengthAt,
  positionAt,
  timeAtLength,
} from './prediction/pathModel';
import { fillChunkPriorities } from './prediction/chunkPriorities';

export const DEFAULT_HISTORY_SIZE = 256;
export const DEFAULT_HORIZONS: readonly number[] = Object.freeze([1, 2, 5, 10, 20]);
/** Longest path time (s) samplePath covers. */
export const MAX_PATH_TIME_S = 20;
/**
 * Seconds an exploratory player is assumed to keep a heading. Replaying traces/exploratory-walk.json (new
 * heading every 1.5-5 s), 4 s gave mean 5 s-ahead errors of 22.7 blocks against 25.2 for straight
 * extrapolation and 24.3 for standing still, and within 0.4 blocks of straight extrapolation at 1-2 s.
 */
export const EXPLORATORY_PERSISTENCE_S = 4;
/** Confidence decay times (s) per pattern at full consistency; halved at zero consistency. */
export const CONFIDENCE_TAU_S = { stationary: 20, linear: 30, curved: 15, exploratory: 2, insufficient_data: 1 } as const;

const HISTORY_MIN = 16;
const HISTORY_MAX = 65536;
const HORIZON_MAX_S = 600;
const TUPLE = 5;

export class PredictiveLoadingEngine {
  /** Samples rejected because a value was not finite, or the time did not increase. */
  rejectedNonFinite = 0;
  rejectedOutOfOrder = 0;
  /** Chunks that entered the required set after the initial load, and how many of them were ready then. */
  arrivals = 0;
  readyArrivals = 0;

  readonly horizons: readonly number[];
  private readonly history: MovementHistory;
  private readonly stats = createWindowStats();
  private readonly shortFit = createHeadingFit();
  private readonly longFit = createHeadingFit();
  private readonly model = createPathModel();
  private readonly pos3 = new Float64Array(3);
  private readonly pattern: MovementPattern = {
    type: 'insufficient_data',
    confidence: 0,
    avgSpeed: 0,
    directionConsistency: 0,
    turnRate: 0,
  };
  private readonly prediction: ChunkPrediction;
  private dirty = true;
  private readonly priorityPool: ChunkPriority[] = [];

  constructor(options: PredictiveLoadingOptions = {}) {
    const historySize = options.historySize ?? DEFAULT_HISTORY_SIZE;
    if (!Number.isInteger(historySize) || historySize < HISTORY_MIN || historySize > HISTORY_MAX) {
      throw new Error(
        `PredictiveLoadingEngine: historySize must be an integer in [${HISTORY_MIN}, ${HISTORY_MAX}] samples, got ${historySize}`,
      );
    }
    const horizons = options.horizons ?? DEFAULT_HORIZONS;
    if (!Array.isArray(horizons) || horizons.length === 0) {
      throw new Error(`PredictiveLoadingEngine: horizons must be a non-empty array of seconds, got ${String(horizons)}`);
    }
    for (let i = 0; i < horizons.length; i++) {
      const h = horizons[i];
      if (typeof h !== 'number' || !(h > 0 && h <= HORIZON_MAX_S)) {
        throw new Error(`PredictiveLoadingEngine: horizons[${i}] must be in (0, ${HORIZON_MAX_S}] s, got ${h}`);
      }
    }
    this.horizons = Object.freeze(horizons.slice());
    this.history = new MovementHistory(historySize);
    const predicted: PredictedPosition[] = [];
    for (const t of this.horizons) predicted.push({ timeHorizon: t, x: 0, y: 0, z: 0, cx: 0, cy: 0, cz: 0, confidence: 0 });
    this.prediction = {
      movementPattern: this.pattern,
      predictedPositions: predicted,
      confidence: 0,
      sampleTimeMs: NaN,
      x: 0,
      y: 0,
      z: 0,
      vx: 0,
      vy: 0,
      vz: 0,
    };
  }

  /** Samples currently held in the history ring. */
  get sampleCount(): number {
    return this.history.count;
  }

  /**
   * Adds a movement sample: time (ms), position (blocks), velocity (blocks/s). A sample with a non-finite
   * value, or whose time is not after the previous sample's, is ignored and counted.
   */
  record(timeMs: number, x: number, y: number, z: number, vx: number, vy: number, vz: number): void {
    if (
      !Number.isFinite(timeMs) ||
      !Number.isFinite(x) ||
      !Number.isFinite(y) ||
      !Number.isFinite(z) ||
      !Number.isFinite(vx) ||
      !Number.isFinite(vy) ||
      !Number.isFinite(vz)
    ) {
      this.rejectedNonFinite++;
      return;
    }
    if (this.history.count > 0 && !(timeMs > this.history.lastTime())) {
      this.rejectedOutOfOrder++;
      return;
    }
    this.history.push(timeMs, x, y, z, vx, vy, vz);
    this.dirty = true;
  }

  /** Forgets the movement history (after a teleport: the jump is not movement). Arrival counts are kept. */
  reset(): void {
    this.history.clear();
    this.dirty = true;
  }

  /** The movement pattern of the recent history (same object every call). */
  analyze(): MovementPattern {
    this.update();
    return this.pattern;
  }

  /** The prediction for every horizon (same object every call; recomputed only after a new sample). */
  predict(): ChunkPrediction {
    this.update();
    return this.prediction;
  }

  /**
   * Writes the predicted path into `out` as consecutive (t s, x, y, z, confidence) tuples: the first at the
   * current position (t = 0), then every `stepBlocks` of path length, ending at `maxDistance` blocks of path
   * or MAX_PATH_TIME_S, whichever comes first (the end point is always written if room remains).
   * Returns the number of tuples written; never writes past out.length. No samples: returns 0.
   */
  samplePath(out: Float64Array, maxDistance: number, stepBlocks: number): number {
    if (!(stepBlocks > 0) || !Number.isFinite(stepBlocks)) {
      throw new Error(`PredictiveLoadingEngine: stepBlocks must be a finite number > 0 blocks, got ${stepBlocks}`);
    }
    if (!(maxDistance >= 0) || !Number.isFinite(maxDistance)) {
      throw new Error(`PredictiveLoadingEngine: maxDistance must be a finite number >= 0 blocks, got ${maxDistance}`);
    }
    this.update();
    const maxTuples = Math.floor(out.length / TUPLE);
    if (this.history.count === 0 || maxTuples === 0) return 0;
    const m = this.model;
    const endLength = Math.min(maxDistance, pathLengthAt(m, MAX_PATH_TIME_S));
    const endTime = endLength >= pathLengthAt(m, MAX_PATH_TIME_S) ? MAX_PATH_TIME_S : timeAtLength(m, endLength);
    let n = 0;
    for (let k = 0; n < maxTuples; k++) {
      const length = k * stepBlocks;
      if (length >= endLength) break;
      this.writeTuple(out, n, timeAtLength(m, length));
      n++;
    }
    if (n < maxTuples && (endLength > 0 || n === 0)) {
      this.writeTuple(out, n, endLength > 0 ? endTime : 0);
      n++;
    }
    return n;
  }

  /** Reports one chunk that entered the required set after the initial load, and whether it was ready then. */
  recordArrival(readyOnEntry: boolean): void {
    this.arrivals++;
    if (readyOnEntry) this.readyArrivals++;
  }

  /** readyOnArrival: readyArrivals / arrivals; 0 while `arrivals` is 0 (check it to tell "no data"). */
  getPredictionAccuracy(): number {
    return this.arrivals === 0 ? 0 : this.readyArrivals / this.arrivals;
  }

  /**
   * Seed-style convenience: records a sample at the engine's own clock (the previous sample's time plus
   * `deltaTimeS`, 0 for the first) and returns predict(). For callers without a clock (debug tools).
   * A deltaTimeS <= 0 after the first sample leaves the time unchanged, so that sample is rejected (counted).
   */
  predictChunkLoadingNeeds(position: Vec3Like, velocity: Vec3Like, deltaTimeS: number): ChunkPrediction {
    const last = this.history.lastTime();
    const t = Number.isNaN(last) ? 0 : last + deltaTimeS * 1000;
    this.record(t, position.x, position.y, position.z, velocity.x, velocity.y, velocity.z);
    return this.predict();
  }

  /**
   * Debug overlay helper (allocates string keys; not for the per-frame path): clears `out` and fills it with
   * the seed's chunk priorities: the current chunk (1.0), its 26 neighbours ('surrounding', 0.5) and the chunk
   * of each predicted position (confidence / (1 + 0.1 t), when higher than what the chunk already has).
   */
  calculateChunkPriorities(out: Map<string, ChunkPriority>): Map<string, ChunkPriority> {
    return fillChunkPriorities(this.predict(), this.history.count > 0, out, this.priorityPool);
  }

  private writeTuple(out: Float64Array, n: number, t: number): void {
    const o = n * TUPLE;
    out[o] = t;
    positionAt(this.model, t, out, o + 1);
    out[o + 4] = confidenceAt(this.model, t);
  }

  private update(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const h = this.history;
    const p = this.prediction;
    const pattern = this.pattern;
    const m = this.model;
    if (h.count === 0) {
      pattern.type = 'insufficient_data';
      pattern.confidence = pattern.avgSpeed = pattern.directionConsistency = pattern.turnRate = 0;
      m.kind = 'stationary';
      m.x0 = m.y0 = m.z0 = m.vx = m.vy = m.vz = 0;
      m.confidence = 0;
      p.sampleTimeMs = NaN;
      this.fillPrediction();
      return;
    }
    const newest = h.newest();
    const n = shortWindowCount(h);
    const stats = computeWindowStats(h, n, this.stats);
    fitSampleHeadings(h, n, this.shortFit);
    fitSegmentHeadings(h, h.t[newest], this.longFit);
    classifyMovement(stats, this.shortFit, this.longFit, pattern);

    m.x0 = h.x[newest];
    m.y0 = h.y[newest];
    m.z0 = h.z[newest];
    m.confidence = pattern.confidence;
    m.confidenceTauS = CONFIDENCE_TAU_S[pattern.type] * (0.5 + 0.5 * pattern.confidence);
    switch (pattern.type) {
      case 'stationary':
        m.kind = 'stationary';
        m.vx = m.vy = m.vz = 0;
        break;
      case 'linear':
        m.kind = 'linear';
        m.vx = stats.smoothVx;
        m.vy = stats.smoothVy;
        m.vz = stats.smoothVz;
        break;
      case 'curved':
        m.kind = 'arc';
        m.hSpeed = stats.meanHSpeed;
        m.heading0 = this.shortFit.headingAtRef;
        m.omega = this.shortFit.slope;
        m.vx = m.hSpeed * Math.cos(m.heading0);
        m.vy = stats.smoothVy;
        m.vz = -m.hSpeed * Math.sin(m.heading0);
        break;
      case 'exploratory':
        m.kind = 'persistent';
        m.tauS = EXPLORATORY_PERSISTENCE_S;
        m.vx = stats.smoothVx;
        m.vy = stats.smoothVy;
        m.vz = stats.smoothVz;
        break;
      default:
        m.kind = 'linear';
        m.vx = h.vx[newest];
        m.vy = h.vy[newest];
        m.vz = h.vz[newest];
    }
    p.sampleTimeMs = h.t[newest];
    this.fillPrediction();
  }

  private fillPrediction(): void {
    const p = this.prediction;
    const m = this.model;
    p.confidence = this.pattern.confidence;
    p.x = m.x0;
    p.y = m.y0;
    p.z = m.z0;
    p.vx = m.vx;
    p.vy = m.vy;
    p.vz = m.vz;
    const pos = this.pos3;
    const list = p.predictedPositions;
    for (let i = 0; i < list.length; i++) {
      const e = list[i];
      positionAt(m, e.timeHorizon, pos, 0);
      e.x = pos[0];
      e.y = pos[1];
      e.z = pos[2];
      e.cx = worldToChunk(pos[0]);
      e.cy = worldToChunk(pos[1]);
      e.cz = worldToChunk(pos[2]);
      e.confidence = confidenceAt(m, e.timeHorizon);
    }
  }
}
