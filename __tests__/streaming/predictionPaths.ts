/**
 * Synthetic movement paths and trace replay for the PredictiveLoadingEngine tests (hand-stepped clock).
 * A path is a function of time (s) -> position (blocks); velocities are its analytic derivative or, for
 * traces, the finite difference of positions as the spec defines.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { PredictiveLoadingEngine } from '@/utils/streaming/PredictiveLoadingEngine';

export type Vec3 = [number, number, number];
export interface SyntheticPath {
  pos(t: number): Vec3;
  vel(t: number): Vec3;
}

/** Circle of radius r (blocks) at speed s (blocks/s) around (0, y, 0); ccw = positive rotation about +y. */
export function circlePath(r: number, s: number, y = 100, ccw = true): SyntheticPath {
  const w = (ccw ? 1 : -1) * (s / r);
  return {
    pos: (t) => [r * Math.cos(w * t), y, -r * Math.sin(w * t)],
    vel: (t) => [-r * w * Math.sin(w * t), 0, -r * w * Math.cos(w * t)],
  };
}

/** Straight line from p0 along the unit direction dir at speed s. */
export function linePath(p0: Vec3, dir: Vec3, s: number): SyntheticPath {
  const len = Math.hypot(dir[0], dir[1], dir[2]);
  const v: Vec3 = [(dir[0] / len) * s, (dir[1] / len) * s, (dir[2] / len) * s];
  return { pos: (t) => [p0[0] + v[0] * t, p0[1] + v[1] * t, p0[2] + v[2] * t], vel: () => v };
}

/** mulberry32: a seeded PRNG in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Horizontal random walk: a new random heading and speed (4.3-10.9 blocks/s) every 1.5-5 s, piecewise straight. */
export function randomWalk(seed: number, durationS: number): SyntheticPath {
  const r = rng(seed);
  const starts: number[] = [];
  const pts: Vec3[] = [];
  const vels: Vec3[] = [];
  let t = 0;
  let p: Vec3 = [0, 80, 0];
  while (t < durationS + 10) {
    const h = r() * 2 * Math.PI;
    const s = 4.3 + r() * 6.6;
    const v: Vec3 = [Math.cos(h) * s, 0, -Math.sin(h) * s];
    const d = 1.5 + r() * 3.5;
    starts.push(t);
    pts.push(p);
    vels.push(v);
    p = [p[0] + v[0] * d, p[1], p[2] + v[2] * d];
    t += d;
  }
  const seg = (time: number): number => {
    let i = starts.length - 1;
    while (starts[i] > time) i--;
    return i;
  };
  return {
    pos: (time) => {
      const i = seg(time);
      const dt = time - starts[i];
      return [pts[i][0] + vels[i][0] * dt, pts[i][1], pts[i][2] + vels[i][2] * dt];
    },
    vel: (time) => vels[seg(time)],
  };
}

/** Records sample i of a path at time i * dt (s) into the engine. */
export function feed(engine: PredictiveLoadingEngine, p: SyntheticPath, i: number, dt: number): void {
  const t = i * dt;
  const q = p.pos(t);
  const v = p.vel(t);
  engine.record(t * 1000, q[0], q[1], q[2], v[0], v[1], v[2]);
}

export function dist(a: { x: number; y: number; z: number }, b: Vec3): number {
  return Math.hypot(a.x - b[0], a.y - b[1], a.z - b[2]);
}

export interface Trace {
  name: string;
  dt: number;
  positions: Vec3[];
}

/** The spec's traces: ../shared/traces beside the project (override with TRACES_DIR). */
export const TRACE_DIR = process.env.TRACES_DIR ?? path.resolve(__dirname, '../../../shared/traces');

export function loadTraces(): Trace[] {
  return readdirSync(TRACE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(TRACE_DIR, f), 'utf8')) as Trace);
}

/** Records trace sample i (i >= 1) with the finite-difference velocity (p[i] - p[i-1]) / dt. */
export function feedTrace(engine: PredictiveLoadingEngine, tr: Trace, i: number): void {
  const p = tr.positions[i];
  const q = tr.positions[i - 1];
  engine.record(i * tr.dt * 1000, p[0], p[1], p[2], (p[0] - q[0]) / tr.dt, (p[1] - q[1]) / tr.dt, (p[2] - q[2]) / tr.dt);
}

export function median(values: number[]): number {
  const s = values.slice().sort((a, b) => a - b);
  return s[s.length >> 1];
}
