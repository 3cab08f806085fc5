import { describe, expect, it } from 'vitest';
import * as THREE from 'three';
import { TEXTURE_LAYERS } from '@/config/blocks';
import { TEXTURE_LAYER_BYTES, generateBlockTexturePixels, paintTextureLayer } from '@/utils/render/blockTexturePixels';
import { createBlockTextureArray } from '@/utils/render/blockTextures';

const layerIndex = (name: (typeof TEXTURE_LAYERS)[number]) => TEXTURE_LAYERS.indexOf(name);

function alphaStats(data: Uint8Array, layer: number) {
  let zero = 0, full = 0, partial = 0;
  for (let p = 0; p < 256; p++) {
    const a = data[layer * TEXTURE_LAYER_BYTES + p * 4 + 3];
    if (a === 0) zero++;
    else if (a === 255) full++;
    else partial++;
  }
  return { zero, full, partial };
}

describe('block texture pixels', () => {
  const data = generateBlockTexturePixels(1234);

  it('has one 16x16 RGBA tile per TEXTURE_LAYERS entry', () => {
    expect(data.length).toBe(TEXTURE_LAYERS.length * 16 * 16 * 4);
  });

  it('is deterministic per seed and changes with the seed', () => {
    expect(generateBlockTexturePixels(1234)).toEqual(data);
    const other = generateBlockTexturePixels(1235);
    let diff = 0;
    for (let i = 0; i < data.length; i++) if (data[i] !== other[i]) diff++;
    expect(diff).toBeGreaterThan(data.length / 10);
  });

  it('opaque layers are fully opaque, leaves have 10-40% holes, water is translucent', () => {
    for (const name of TEXTURE_LAYERS) {
      const s = alphaStats(data, layerIndex(name));
      if (name === 'leaves') {
        expect(s.partial).toBe(0);
        expect(s.zero).toBeGreaterThan(25);
        expect(s.zero).toBeLessThan(103);
      } else if (name === 'water') {
        expect(s.partial).toBe(256);
      } else {
        expect(s.full, name).toBe(256);
      }
    }
  });

  it('leaf holes keep a leaf colour (no black fringes in mipmaps)', () => {
    const base = layerIndex('leaves') * TEXTURE_LAYER_BYTES;
    for (let p = 0; p < 256; p++) {
      if (data[base + p * 4 + 3] !== 0) continue;
      expect(data[base + p * 4 + 1]).toBeGreaterThan(data[base + p * 4]); // green dominant
      expect(data[base + p * 4 + 1]).toBeGreaterThan(60);
    }
  });

  it('every layer has texture (not flat) and layers differ from each other', () => {
    const seen = new Set<string>();
    for (let l = 0; l < TEXTURE_LAYERS.length; l++) {
      const tile = data.subarray(l * TEXTURE_LAYER_BYTES, (l + 1) * TEXTURE_LAYER_BYTES);
      const colours = new Set<number>();
      for (let p = 0; p < 256; p++) colours.add((tile[p * 4] << 16) | (tile[p * 4 + 1] << 8) | tile[p * 4 + 2]);
      expect(colours.size, TEXTURE_LAYERS[l]).toBeGreaterThan(8);
      seen.add(Array.from(tile).join(','));
    }
    expect(seen.size).toBe(TEXTURE_LAYERS.length);
  });

  it('grass side: green on the top rows, dirt at the bottom', () => {
    const base = layerIndex('grass_side') * TEXTURE_LAYER_BYTES;
    const px = (x: number, y: number) => [0, 1, 2].map((c) => data[base + (y * 16 + x) * 4 + c]);
    for (let x = 0; x < 16; x++) {
      const [r0, g0] = px(x, 0);
      expect(g0).toBeGreaterThan(r0);
      const [r15, g15] = px(x, 15);
      expect(r15).toBeGreaterThan(g15);
    }
  });

  it('rejects unknown layers and bad offsets with the module prefix', () => {
    const out = new Uint8Array(TEXTURE_LAYER_BYTES);
    expect(() => paintTextureLayer('lava' as never, out, 0)).toThrow(/^blockTextures: unknown texture layer "lava"/);
    expect(() => paintTextureLayer('stone', out, 4)).toThrow(/^blockTextures: offset must be an integer in \[0, 0\]/);
    expect(() => generateBlockTexturePixels(1, new Uint8Array(10))).toThrow(/^blockTextures: out must hold/);
  });
});

describe('createBlockTextureArray', () => {
  it('is an sRGB RGBA array texture with a layer per TEXTURE_LAYERS entry, repeating, crisp, mipmapped', () => {
    const t = createBlockTextureArray();
    expect(t).toBeInstanceOf(THREE.DataArrayTexture);
    expect(t.image.width).toBe(16);
    expect(t.image.height).toBe(16);
    expect(t.image.depth).toBe(TEXTURE_LAYERS.length);
    expect(t.magFilter).toBe(THREE.NearestFilter);
    expect(t.minFilter).toBe(THREE.NearestMipmapLinearFilter);
    expect(t.generateMipmaps).toBe(true);
    expect(t.wrapS).toBe(THREE.RepeatWrapping);
    expect(t.wrapT).toBe(THREE.RepeatWrapping);
    expect(t.colorSpace).toBe(THREE.SRGBColorSpace);
    t.dispose();
  });
});
