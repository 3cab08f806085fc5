/**
 * The seed's noise fields (simplex-noise v4, permutation tables from mulberry32 so the same seed gives
 * the same tables everywhere) and the fractal sums built on them. Inputs are world coordinates (blocks)
 * times small frequencies, so they stay below 2^31 for any world coordinate within +-67M blocks.
 */
import { createNoise2D, createNoise3D, type NoiseFunction2D, type NoiseFunction3D } from 'simplex-noise';
import { mulberry32 } from './random';

export interface TerrainNoise {
  readonly seed: number;
  /** Continentalness: low values are ocean. */
  readonly continent: NoiseFunction2D;
  /** Small rolling detail of plains. */
  readonly detail: NoiseFunction2D;
  /** Where hills are. */
  readonly hillMask: NoiseFunction2D;
  readonly hills: NoiseFunction2D;
  /** Low-frequency "mountainness" mask. */
  readonly mountainMask: NoiseFunction2D;
  /** Ridged mountain shape. */
  readonly ridges: NoiseFunction2D;
  /** Tree density. */
  readonly forest: NoiseFunction2D;
  /** Cave fields: cheese blobs and the two fields whose common zero set makes spaghetti tunnels. */
  readonly cheese: NoiseFunction3D;
  readonly tunnelA: NoiseFunction3D;
  readonly tunnelB: NoiseFunction3D;
  /** Displacement of steep slopes (overhangs). */
  readonly overhang: NoiseFunction3D;
}

const GOLDEN = 0x9e3779b9;

/** Builds every field of the seed (uint32); each field gets its own PRNG stream. */
export function createTerrainNoise(seed: number): TerrainNoise {
  let k = 0;
  const rng = () => mulberry32((seed + Math.imul(++k, GOLDEN)) >>> 0);
  return {
    seed: seed >>> 0,
    continent: createNoise2D(rng()),
    detail: createNoise2D(rng()),
    hillMask: createNoise2D(rng()),
    hills: createNoise2D(rng()),
    mountainMask: createNoise2D(rng()),
    ridges: createNoise2D(rng()),
    forest: createNoise2D(rng()),
    cheese: createNoise3D(rng()),
    tunnelA: createNoise3D(rng()),
    tunnelB: createNoise3D(rng()),
    overhang: createNoise3D(rng()),
  };
}

/** Fractal sum of `octaves` octaves (lacunarity 2, gain 0.5), normalised to [-1, 1]. */
export function fbm2(noise: NoiseFunction2D, x: number, z: number, octaves: number): number {
  let sum = 0;
  let amp = 1;
  let norm = 0;
  let f = 1;
  for (let i = 0; i < octaves; i++) {
    sum += amp * noise(x * f, z * f);
    norm += amp;
    amp *= 0.5;
    f *= 2;
  }
  return sum / norm;
}

/** Ridged fractal sum in [0, 1]: sharp crests where the noise crosses zero. */
export function ridged2(noise: NoiseFunction2D, x: number, z: number, octaves: number): number {
  let sum = 0;
  let amp = 1;
  let norm = 0;
  let f = 1;
  let weight = 1;
  for (let i = 0; i < octaves; i++) {
    let r = 1 - Math.abs(noise(x * f, z * f));
    r *= r;
    r *= weight;
    weight = r;
    sum += amp * r;
    norm += amp;
    amp *= 0.5;
    f *= 2;
  }
  return sum / norm;
}

/** Hermite smoothstep of x between edges a and b (a may exceed b: the step is then reversed). */
export function smoothstep(a: number, b: number, x: number): number {
  let t = (x - a) / (b - a);
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  return t * t * (3 - 2 * t);
}
