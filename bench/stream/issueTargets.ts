/**
 * The streaming issue's targets, checked on the results of `npm run bench` (adaptive + prediction runs,
 * against the proximity / no-prediction baseline measured in the same run). Limits come from
 * CHUNK_STREAMING_TARGETS (config/streamingConfig.ts) except the two the issue states itself:
 * linear-fast-100 may have holes in at most HOLE_SHARE_FAST of its required chunk-frames, and the
 * predictive strategy must have no more holes than proximity on any trace and fewer on STRICT_TRACES.
 * `margin` is in the metric's unit: > 0 room to spare, < 0 missed by that much (0 = exactly at the limit).
 */
import { CHUNK_STREAMING_TARGETS as T } from '@/config/streamingConfig';
import type { StreamBenchReport } from './report';

export const FAST_TRACE = 'linear-fast-100';
export const REVISIT_TRACE = 'revisit-shuttle-40';
/** Share of required chunk-frames allowed to be holes on FAST_TRACE (0.1%). */
export const HOLE_SHARE_FAST = 0.001;
/** Traces where prediction must have strictly fewer holes than proximity. */
export const STRICT_TRACES: readonly string[] = ['linear-fast-100', 'curved-60'];

/** A run that did not produce a report (crash, timeout): its one-line reason. */
export interface RunFailure {
  error: string;
}

export type RunOutcome = StreamBenchReport | RunFailure;

export function isFailure<T extends object>(r: T | RunFailure | undefined): r is RunFailure {
  return r !== undefined && 'error' in r && typeof (r as RunFailure).error === 'string';
}

export interface TracePair {
  trace: string;
  /** adaptive strategy, predictive loading on (the product configuration). */
  predictive: RunOutcome;
  /** proximity strategy, no prediction (nearest-first, the baseline). */
  proximity: RunOutcome;
  /** A stress setting (smaller load sphere): only the predictive-vs-proximity hole comparison is a target. */
  stressLoadDistance?: number;
}

export type Comparison = '<=' | '>=' | '<';

export interface IssueTargetResult {
  /** What is checked, e.g. "holeChunkFrames = 0". */
  name: string;
  /** The trace, or "compression bench". */
  scope: string;
  comparison: Comparison;
  limit: number;
  /** Measured value; null = not measured (counts as missed). */
  value: number | null;
  unit: string;
  met: boolean;
  margin: number | null;
  note?: string;
}

function check(
  name: string,
  scope: string,
  comparison: Comparison,
  limit: number,
  value: number | null | undefined,
  unit: string,
  note?: string,
): IssueTargetResult {
  const v = value === undefined || value === null || Number.isNaN(value) ? null : value;
  let met = false;
  let margin: number | null = null;
  if (v !== null) {
    margin = comparison === '>=' ? v - limit : limit - v;
    met = comparison === '<' ? margin > 0 : margin >= 0;
  }
  return { name, scope, comparison, limit, value: v, unit, met, margin, ...(note ? { note } : {}) };
}

const MB = 1024 * 1024;

/**
 * Every issue target over the trace pairs and the compression benchmark's codec ratio (null when that
 * benchmark failed). Failed runs yield missed targets with a note.
 */
export function evaluateIssueTargets(pairs: readonly TracePair[], codecCompressionRatio: number | null): IssueTargetResult[] {
  const out: IssueTargetResult[] = [];
  for (const p of pairs) {
    const r = p.predictive;
    const scope = p.trace;
    if (isFailure(r)) {
      out.push({ ...check('run completed', scope, '<=', 0, null, ''), note: r.error });
      continue;
    }
    if (p.stressLoadDistance !== undefined) {
      const base = p.proximity;
      const name = `holes at loadDistance ${p.stressLoadDistance}: predictive < proximity`;
      if (isFailure(base)) out.push({ ...check(name, scope, '<', 0, null, 'chunk-frames'), note: `baseline run failed: ${base.error}` });
      else out.push(check(name, scope, '<', base.holeChunkFrames, r.holeChunkFrames, 'chunk-frames', "limit = the proximity run's holes"));
      continue;
    }
    if (p.trace === FAST_TRACE) {
      const share = r.requiredChunkFrames > 0 ? r.holeChunkFrames / r.requiredChunkFrames : null;
      out.push(check(`holeChunkFrames <= ${HOLE_SHARE_FAST * 100}% of requiredChunkFrames`, scope, '<=', HOLE_SHARE_FAST, share, 'of required'));
    } else {
      out.push(check('holeChunkFrames = 0', scope, '<=', T.USER_EXPERIENCE.maxLoadingInterruptions, r.holeChunkFrames, 'chunk-frames'));
    }
    out.push(check('mainThreadMs p99', scope, '<=', T.MAIN_THREAD.p99Ms, r.mainThreadMs.p99, 'ms'));
    out.push(check('mainThreadMs max', scope, '<=', T.MAIN_THREAD.maxMs, r.mainThreadMs.max, 'ms'));
    out.push(
      check(
        'initialLoadMs',
        scope,
        '<=',
        T.LOADING_PERFORMANCE.maxInitialLoadMs,
        r.initialLoadMs,
        'ms',
        r.initialLoadTimedOut ? `did not complete within ${r.initialLoadTimeoutMs} ms` : undefined,
      ),
    );
    if (p.trace === REVISIT_TRACE) {
      out.push(check('revisitHitRatio', scope, '>=', T.MEMORY_MANAGEMENT.targetRevisitHitRatio, r.revisitHitRatio, ''));
    }
    if (r.compressionRatio !== null) {
      out.push(check('compressionRatio (cache)', scope, '<=', T.MEMORY_MANAGEMENT.targetCompressionRatio, r.compressionRatio, ''));
    }
    out.push(
      check('peakMemoryBytes', scope, '<=', T.MEMORY_MANAGEMENT.maxPeakMemoryBytes / MB, r.peakMemoryBytes === null ? null : r.peakMemoryBytes / MB, 'MB'),
    );
    out.push(check('wastedWork', scope, '<=', 1 - T.STREAMING_EFFICIENCY.loadingQueueEfficiency, r.wastedWork, ''));
    const base = p.proximity;
    const strict = STRICT_TRACES.includes(p.trace);
    const name = strict ? 'holes: predictive < proximity' : 'holes: predictive <= proximity';
    if (isFailure(base)) {
      out.push({ ...check(name, scope, strict ? '<' : '<=', 0, null, 'chunk-frames'), note: `baseline run failed: ${base.error}` });
    } else {
      // Checked as predictive holes vs a limit of the baseline's holes (margin = baseline - predictive).
      const note =
        strict && base.holeChunkFrames === 0 && r.holeChunkFrames === 0
          ? 'limit = the proximity run\'s holes; both 0: no holes left to reduce on this machine'
          : 'limit = the proximity run\'s holes';
      out.push(check(name, scope, strict ? '<' : '<=', base.holeChunkFrames, r.holeChunkFrames, 'chunk-frames', note));
    }
  }
  out.push(check('compressionRatio (codec, real terrain chunks)', 'compression bench', '<=', T.MEMORY_MANAGEMENT.targetCompressionRatio, codecCompressionRatio, ''));
  return out;
}
