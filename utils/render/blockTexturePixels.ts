/**
 * Procedural 16x16 pixel-art block textures (pure, no three.js, testable in Node).
 *
 * Layout of the output: RGBA8, one 16x16 tile per layer of TEXTURE_LAYERS (config/blocks.ts), layers in
 * that order; byte index = ((layer * 16 + row) * 16 + col) * 4 + channel. Row 0 is the top of the tile
 * (the shader flips v so row 0 is drawn at the top of a side face). Deterministic: every pixel is a
 * function of (seed, layer, col, row) through an integer hash, so the same seed always gives the same bytes.
 *
 * Transparent pixels (leaf holes) keep the leaves' mean colour in RGB so GPU-generated mipmaps do not
 * darken the edges of the holes.
 */
import { TEXTURE_LAYERS, type TextureLayerName } from '@/config/blocks';

/** Tile edge in pixels. */
export const TEXTURE_SIZE = 16;
/** Bytes of one layer (16 * 16 * RGBA). */
export const TEXTURE_LAYER_BYTES = TEXTURE_SIZE * TEXTURE_SIZE * 4;
export const DEFAULT_TEXTURE_SEED = 0x5eed;

/** 32-bit integer hash of (seed, a, b, c) -> uint32 (lowbias32 finaliser over a mixed key). */
export function hash4(seed: number, a: number, b: number, c: number): number {
  let h = (seed ^ Math.imul(a | 0, 0x27d4eb2d) ^ Math.imul(b | 0, 0x165667b1) ^ Math.imul(c | 0, 0x9e3779b1)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash mapped to [0, 1). */
export function hash01(seed: number, a: number, b: number, c: number): number {
  return hash4(seed, a, b, c) / 4294967296;
}

const clamp255 = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** Colour helpers operate on 0xRRGGBB. */
function put(out: Uint8Array, offset: number, col: number, row: number, rgb: number, scale: number, alpha = 255): void {
  const i = offset + (row * TEXTURE_SIZE + col) * 4;
  out[i] = clamp255(((rgb >> 16) & 255) * scale);
  out[i + 1] = clamp255(((rgb >> 8) & 255) * scale);
  out[i + 2] = clamp255((rgb & 255) * scale);
  out[i + 3] = alpha;
}

/** Painter of one layer: writes 16x16 RGBA pixels at out[offset..offset+1024). `s` is a per-layer seed. */
type Painter = (out: Uint8Array, offset: number, s: number) => void;

/** Noise in [1 - amp, 1 + amp] per pixel. */
const jitter = (s: number, x: number, y: number, amp: number, salt = 0): number => 1 + (hash01(s, x, y, salt) * 2 - 1) * amp;

const paintStone: Painter = (out, o, s) => {
  for (let y = 0; y < 16; y++) {
    for (let x = 0; x < 16; x++) {
      const r = hash01(s, x, y, 1);
      // darker horizontal streaks every few rows and random speckles
      const streak = hash01(s, x >> 2, y, 2) < 0.18 ? 0.82 : 1;
      put(out, o, x, y, 0x7d7d7d, jitter(s, x, y, 0.09) * streak * (r < 0.07 ? 0.78 : 1));
    }
  }
};

const paintDirt: Painter = (out, o, s) => {
  for (let y = 0; y < 16; y++) {
    for (let x = 0; x < 16; x++) {
      const r = hash01(s, x, y, 3);
      const base = r < 0.1 ? 0x6b4a32 : r > 0.93 ? 0x9b7653 : 0x866043;
      put(out, o, x, y, base, jitter(s, x, y, 0.08));
    }
  }
};

const GRASS = 0x5f9f35;
const paintGrassTop: Painter = (out, o, s) => {
  for (let y = 0; y < 16; y++) {
    for (let x = 0; x < 16; x++) {
      const r = hash01(s, x, y, 4);
      put(out, o, x, y, r < 0.12 ? 0x4c8a2a : r > 0.92 ? 0x78b548 : GRASS, jitter(s, x, y, 0.1));
    }
  }
};

/** Dirt with a cap of `capColor` whose lower edge hangs 2..5 rows down (side of grass/snow). */
function paintCappedSide(capColor: number, capAmp: number): Painter {
  return (out, o, s) => {
    paintDirt(out, o, s ^ 0x1234);
    for (let x = 0; x < 16; x++) {
      const depth = 2 + Math.floor(hash01(s, x, 0, 5) * 3) + (hash01(s, x, 1, 6) < 0.2 ? 1 : 0);
      for (let y = 0; y < depth; y++) put(out, o, x, y, capColor, jitter(s, x, y, capAmp, 7));
    }
  };
}

const paintSand: Painter = (out, o, s) => {
  for (let y = 0; y < 16; y++) {
    for (let x = 0; x < 16; x++) {
      const r = hash01(s, x, y, 8);
      put(out, o, x, y, r < 0.08 ? 0xc9b97a : 0xdcd09a, jitter(s, x, y, 0.05));
    }
  }
};

const paintGravel: Painter = (out, o, s) => {
  for (let y = 0; y < 16; y++) {
    for (let x = 0; x < 16; x++) {
      // pebbles: 2x2 cells with their own tone
      const cell = hash01(s, x >> 1, y >> 1, 9);
      const base = cell < 0.3 ? 0x6e6a66 : cell < 0.6 ? 0x8c8580 : cell < 0.85 ? 0x9f9a94 : 0x7a6250;
      put(out, o, x, y, base, jitter(s, x, y, 0.07));
    }
  }
};

const paintSnow: Painter = (out, o, s) => {
  for (let y = 0; y < 16; y++) {
    for (let x = 0; x < 16; x++) put(out, o, x, y, hash01(s, x, y, 10) < 0.1 ? 0xe2ecf4 : 0xf4f8fb, jitter(s, x, y, 0.02));
  }
};

/** Water: blue with lighter wave streaks; alpha 170 (translucent pass). */
const paintWater: Painter = (out, o, s) => {
  for (let y = 0; y < 16; y++) {
    for (let x = 0; x < 16; x++) {
      const wave = (x + 2 * y + Math.floor(hash01(s, y, 0, 11) * 4)) % 8 === 0;
      put(out, o, x, y, wave ? 0x5b8fe8 : 0x3a6fd8, jitter(s, x, y, 0.04), 170);
    }
  }
};

const paintLogSide: Painter = (out, o, s) => {
  for (let x = 0; x < 16; x++) {
    const column = hash01(s, x, 0, 12);
    const base = column < 0.25 ? 0x4f3b22 : column < 0.7 ? 0x6b5030 : 0x7a5c38;
    for (let y = 0; y < 16; y++) {
      const knot = hash01(s, x, y, 13) < 0.04 ? 0.75 : 1;
      put(out, o, x, y, base, jitter(s, x, y, 0.06) * knot);
    }
  }
};

const paintLogTop: Painter = (out, o, s) => {
  for (let y = 0; y < 16; y++) {
    for (let x = 0; x < 16; x++) {
      const dx = x - 7.5;
      const dy = y - 7.5;
      const ring = Math.max(Math.abs(dx), Math.abs(dy));
      if (ring > 6.6) put(out, o, x, y, 0x5a4328, jitter(s, x, y, 0.06)); // bark rim
      else put(out, o, x, y, Math.floor(ring) % 2 === 0 ? 0xb39261 : 0x9c7b4d, jitter(s, x, y, 0.04));
    }
  }
};

const LEAF_MEAN = 0x3f7f25;
/** Leaves: about a quarter of the pixels are holes (alpha 0, RGB = mean leaf colour). */
const paintLeaves: Painter = (out, o, s) => {
  for (let y = 0; y < 16; y++) {
    for (let x = 0; x < 16; x++) {
      const r = hash01(s, x, y, 14);
      if (r < 0.24) put(out, o, x, y, LEAF_MEAN, 1, 0);
      else put(out, o, x, y, r > 0.85 ? 0x56a035 : r < 0.4 ? 0x2f6a1c : LEAF_MEAN, jitter(s, x, y, 0.08));
    }
  }
};

/** Stone with 3-5 blobs of ore pixels. */
function paintOre(oreColor: number, highlight: number): Painter {
  return (out, o, s) => {
    paintStone(out, o, s ^ 0x777);
    const blobs = 3 + Math.floor(hash01(s, 0, 0, 15) * 3);
    for (let b = 0; b < blobs; b++) {
      const cx = 2 + Math.floor(hash01(s, b, 1, 16) * 12);
      const cy = 2 + Math.floor(hash01(s, b, 2, 17) * 12);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          if ((dx !== 0 || dy !== 0) && hash01(s, b * 9 + dx + 4, dy + 4, 18) < 0.45) continue;
          const px = cx + dx;
          const py = cy + dy;
          put(out, o, px, py, hash01(s, px, py, 19) < 0.3 ? highlight : oreColor, jitter(s, px, py, 0.05));
        }
      }
    }
  };
}

const PAINTERS: Readonly<Record<TextureLayerName, Painter>> = {
  stone: paintStone,
  dirt: paintDirt,
  grass_top: paintGrassTop,
  grass_side: paintCappedSide(GRASS, 0.1),
  sand: paintSand,
  gravel: paintGravel,
  snow: paintSnow,
  water: paintWater,
  log_side: paintLogSide,
  log_top: paintLogTop,
  leaves: paintLeaves,
  coal_ore: paintOre(0x1f1f1f, 0x3a3a3a),
  iron_ore: paintOre(0xc8a37e, 0xe0c3a0),
  gold_ore: paintOre(0xf2d13a, 0xfff2a0),
  diamond_ore: paintOre(0x4ee0d8, 0xb8fff8),
  snow_side: paintCappedSide(0xf4f8fb, 0.02),
};

/**
 * Paints one layer into out[offset .. offset + TEXTURE_LAYER_BYTES).
 * Throws when the name is not a texture layer or the buffer is too short.
 */
export function paintTextureLayer(name: TextureLayerName, out: Uint8Array, offset: number, seed = DEFAULT_TEXTURE_SEED): void {
  const painter = PAINTERS[name];
  if (!painter) throw new Error(`blockTextures: unknown texture layer "${String(name)}"; allowed: ${TEXTURE_LAYERS.join(', ')}`);
  if (!Number.isInteger(offset) || offset < 0 || offset + TEXTURE_LAYER_BYTES > out.length) {
    throw new Error(
      `blockTextures: offset must be an integer in [0, ${out.length - TEXTURE_LAYER_BYTES}] for a ${out.length}-byte buffer, got ${offset}`,
    );
  }
  painter(out, offset, hash4(seed >>> 0, TEXTURE_LAYERS.indexOf(name), 0x51, 0x7a));
}

/** All layers of TEXTURE_LAYERS, in layer order, as one RGBA8 array (layout in the file header). */
export function generateBlockTexturePixels(seed = DEFAULT_TEXTURE_SEED, out?: Uint8Array): Uint8Array {
  const bytes = TEXTURE_LAYERS.length * TEXTURE_LAYER_BYTES;
  const data = out ?? new Uint8Array(bytes);
  if (data.length < bytes) {
    throw new Error(`blockTextures: out must hold >= ${bytes} bytes (${TEXTURE_LAYERS.length} layers), got ${data.length}`);
  }
  for (let l = 0; l < TEXTURE_LAYERS.length; l++) paintTextureLayer(TEXTURE_LAYERS[l], data, l * TEXTURE_LAYER_BYTES, seed);
  return data;
}
