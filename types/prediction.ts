/**
 * Movement prediction types (the seed's names, see ../shared/seed/phase4-chunk-streaming-spec.md §2).
 * Units: positions and distances in blocks (world units), speeds in blocks/s, times in seconds unless a
 * name ends in `Ms`, angles in radians. y is up.
 *
 * Heading and turn rate: heading = atan2(-vz, vx), the angle of the horizontal velocity measured from +x,
 * positive = rotated right-handed about +y (counter-clockwise seen from above; the same sense as a
 * three.js yaw). `turnRate` is its time derivative: > 0 turns left (toward -z when heading +x).
 *
 * The engine fills these objects in place and returns the same instances every call: read them, copy what
 * you keep, do not store references across frames.
 */

export type MovementPatternType = 'stationary' | 'linear' | 'curved' | 'exploratory' | 'insufficient_data';

export interface MovementPattern {
  type: MovementPatternType;
  /** How consistent the recent movement is, in [0, 1] (1 = perfectly steady speed and heading or turn). */
  confidence: number;
  /** Mean speed (blocks/s, 3D) over the analysis window; 0 with insufficient data. */
  avgSpeed: number;
  /** Length of the mean unit velocity direction over the window, in [0, 1] (1 = one direction throughout). */
  directionConsistency: number;
  /** Signed horizontal turn rate (rad/s) about +y, the least-squares slope of the recent velocity headings; 0 when unknown. */
  turnRate: number;
}

export interface PredictedPosition {
  /** Seconds into the future. */
  timeHorizon: number;
  x: number;
  y: number;
  z: number;
  /** Chunk coordinates of (x, y, z) = Math.floor(world / 32) (no string key: nothing allocated per frame). */
  cx: number;
  cy: number;
  cz: number;
  /** Prediction confidence in [0, 1]; decays with the horizon and with the pattern's consistency. */
  confidence: number;
}

export interface ChunkPriority {
  /** Loading priority in [0, 1], higher = more urgent. */
  priority: number;
  reason: 'current_position' | 'predicted_movement' | 'surrounding' | 'neighbor';
  /** Estimated seconds until the chunk is needed. */
  timeUntilNeeded: number;
  /** Confidence in this priority, in [0, 1]. */
  confidence: number;
}

export interface ChunkPrediction {
  movementPattern: MovementPattern;
  /** One entry per configured horizon (default 1, 2, 5, 10, 20 s), in the configured order. */
  predictedPositions: PredictedPosition[];
  /** Overall confidence in [0, 1] (= movementPattern.confidence). */
  confidence: number;
  /** Time (ms, the caller's clock) of the latest accepted sample; NaN before the first one. */
  sampleTimeMs: number;
  /** Latest accepted position (blocks); 0 before the first sample. */
  x: number;
  y: number;
  z: number;
  /** Velocity (blocks/s) the prediction extrapolates: recent-weighted mean over the window, or the arc's tangent. */
  vx: number;
  vy: number;
  vz: number;
}

/** Options of PredictiveLoadingEngine. */
export interface PredictiveLoadingOptions {
  /** Capacity (samples) of the movement history ring; integer in [16, 65536], default 256. */
  historySize?: number;
  /** Prediction horizons (s), each in (0, 600]; default [1, 2, 5, 10, 20]. */
  horizons?: readonly number[];
}
