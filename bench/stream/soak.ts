/**
 * Soak samples and their stability check. The criterion: after the first minute, memory stays
 * within 10% of its level, i.e. every sample taken after BASELINE_SECONDS differs from the baseline
 * sample (the first one at or after BASELINE_SECONDS) by at most TOLERANCE of the baseline.
 * Checked for the streaming memory metric (manager.memoryBytes(): loaded chunks + cache) and for the
 * process (main-thread heap after a full GC, and RSS, which includes the worker threads).
 */
import { fmt, formatTable } from '../lib/table';

export const BASELINE_SECONDS = 60;
export const TOLERANCE = 0.1;

export interface SoakSample {
  /** Seconds of replay (after the initial load). */
  t: number;
  /** The streaming memory metric, bytes. */
  streamingBytes: number;
  loadedChunks: number;
  renderedChunks: number;
  cacheEntries: number;
  cacheBytes: number;
  /** Bytes in the GPU stand-in's buffers. */
  gpuBytes: number;
  /** process.memoryUsage() (after a full GC when one could be forced). */
  heapUsedBytes: number;
  rssBytes: number;
  arrayBuffersBytes: number;
  externalBytes: number;
}

export type SoakMetric = 'streamingBytes' | 'heapUsedBytes' | 'rssBytes';
export const SOAK_METRICS: readonly SoakMetric[] = ['streamingBytes', 'heapUsedBytes', 'rssBytes'];

export interface StabilityResult {
  metric: SoakMetric;
  /** Baseline sample time (s) and value; null when no sample reached BASELINE_SECONDS. */
  baselineT: number | null;
  baseline: number | null;
  /** Samples after the baseline that were checked. */
  checked: number;
  /** Largest |value - baseline| / baseline over the checked samples, and where it was. */
  maxDeviation: number | null;
  maxDeviationT: number | null;
  /** Met when at least one sample was checked and every one is within the tolerance. */
  met: boolean;
  /** tolerance - maxDeviation: > 0 room to spare, < 0 missed by that much (fraction of the baseline). */
  margin: number | null;
}

export function checkStability(
  samples: readonly SoakSample[],
  metric: SoakMetric,
  baselineSeconds = BASELINE_SECONDS,
  tolerance = TOLERANCE,
): StabilityResult {
  const bi = samples.findIndex((s) => s.t >= baselineSeconds);
  if (bi < 0) {
    return { metric, baselineT: null, baseline: null, checked: 0, maxDeviation: null, maxDeviationT: null, met: false, margin: null };
  }
  const base = samples[bi][metric];
  let maxDev = 0;
  let maxT: number | null = null;
  let checked = 0;
  for (let i = bi + 1; i < samples.length; i++) {
    const dev = base > 0 ? Math.abs(samples[i][metric] - base) / base : samples[i][metric] === 0 ? 0 : Infinity;
    checked++;
    if (maxT === null || dev > maxDev) {
      maxDev = dev;
      maxT = samples[i].t;
    }
  }
  if (checked === 0) {
    return { metric, baselineT: samples[bi].t, baseline: base, checked, maxDeviation: null, maxDeviationT: null, met: false, margin: null };
  }
  return {
    metric,
    baselineT: samples[bi].t,
    baseline: base,
    checked,
    maxDeviation: maxDev,
    maxDeviationT: maxT,
    met: maxDev <= tolerance,
    margin: tolerance - maxDev,
  };
}

const MB = 1024 * 1024;

/** One progress line per sample. */
export function formatSoakSample(s: SoakSample): string {
  return (
    `t=${fmt(s.t, 0).padStart(4)} s  streaming ${fmt(s.streamingBytes / MB, 1)} MB  loaded ${s.loadedChunks} chunks` +
    ` (rendered ${s.renderedChunks}, cache ${s.cacheEntries} / ${fmt(s.cacheBytes / MB, 1)} MB, gpu ${fmt(s.gpuBytes / MB, 1)} MB)` +
    `  heap ${fmt(s.heapUsedBytes / MB, 1)} MB  rss ${fmt(s.rssBytes / MB, 1)} MB`
  );
}

export function formatSoakTable(samples: readonly SoakSample[]): string {
  return formatTable(
    ['t (s)', 'streaming MB', 'loaded', 'rendered', 'cache entries', 'cache MB', 'gpu MB', 'heap MB', 'rss MB'],
    samples.map((s) => [
      fmt(s.t, 0),
      fmt(s.streamingBytes / MB, 1),
      fmt(s.loadedChunks, 0),
      fmt(s.renderedChunks, 0),
      fmt(s.cacheEntries, 0),
      fmt(s.cacheBytes / MB, 1),
      fmt(s.gpuBytes / MB, 1),
      fmt(s.heapUsedBytes / MB, 1),
      fmt(s.rssBytes / MB, 1),
    ]),
  );
}

const LABEL: Record<SoakMetric, string> = {
  streamingBytes: 'streaming memory (loaded chunks + cache)',
  heapUsedBytes: 'main-thread heap used (after GC)',
  rssBytes: 'process RSS (all threads)',
};

/** "met    streaming memory ...: max deviation 4.2% at 390 s from 61.0 MB at 60 s (5.8% margin)" */
export function formatStability(r: StabilityResult, tolerance = TOLERANCE): string {
  const head = `${r.met ? 'met   ' : 'MISSED'}  ${LABEL[r.metric]} within ${fmt(tolerance * 100, 0)}% of its level at 1 min`;
  if (r.baseline === null) return `${head}: no sample at or after ${BASELINE_SECONDS} s`;
  if (r.maxDeviation === null || r.margin === null) return `${head}: no sample after the baseline (${fmt(r.baselineT ?? 0, 0)} s)`;
  return (
    `${head}: max deviation ${fmt(r.maxDeviation * 100, 1)}% at ${fmt(r.maxDeviationT ?? 0, 0)} s from ${fmt(r.baseline / MB, 1)} MB at ${fmt(r.baselineT ?? 0, 0)} s` +
    ` (${fmt(Math.abs(r.margin) * 100, 1)}% ${r.met ? 'margin' : 'over'}; ${r.checked} samples)`
  );
}
