/**
 * The block texture array: one 16x16 RGBA layer per entry of TEXTURE_LAYERS (config/blocks.ts), layer = index.
 * Pixels come from blockTexturePixels.ts (pure, deterministic); this file only wraps them in a three.js
 * DataArrayTexture.
 *
 * Mipmaps: three 0.187 uploads `texture.mipmaps` only for compressed array textures, so for this
 * DataArrayTexture we let WebGL2 build the chain (`generateMipmaps = true` -> gl.generateMipmap on the
 * TEXTURE_2D_ARRAY, box filtered in linear space because the format is SRGB8_ALPHA8). Leaf holes keep the
 * mean leaf colour in RGB, so the filtered levels do not darken.
 * Sampling: NearestFilter when magnified (crisp pixels), NearestMipmapLinearFilter when minified (no
 * shimmer at distance). RepeatWrapping: greedy quads carry UVs in blocks (0..w, 0..h) so the tile repeats
 * once per block (wrapR keeps its ClampToEdge default: layers never wrap).
 */
import * as THREE from 'three';
import { TEXTURE_LAYERS } from '@/config/blocks';
import { DEFAULT_TEXTURE_SEED, TEXTURE_SIZE, generateBlockTexturePixels } from './blockTexturePixels';

export { generateBlockTexturePixels, paintTextureLayer, TEXTURE_SIZE, TEXTURE_LAYER_BYTES } from './blockTexturePixels';

/** Creates the block DataArrayTexture (16 x 16 x TEXTURE_LAYERS.length). The caller disposes it. */
export function createBlockTextureArray(seed = DEFAULT_TEXTURE_SEED): THREE.DataArrayTexture {
  const data = generateBlockTexturePixels(seed);
  const texture = new THREE.DataArrayTexture(data, TEXTURE_SIZE, TEXTURE_SIZE, TEXTURE_LAYERS.length);
  texture.format = THREE.RGBAFormat;
  texture.type = THREE.UnsignedByteType;
  texture.colorSpace = THREE.SRGBColorSpace;
  texture.magFilter = THREE.NearestFilter;
  texture.minFilter = THREE.NearestMipmapLinearFilter;
  texture.generateMipmaps = true;
  texture.wrapS = THREE.RepeatWrapping;
  texture.wrapT = THREE.RepeatWrapping;
  texture.unpackAlignment = 1;
  texture.flipY = false;
  texture.anisotropy = 1;
  texture.name = 'blockTextures';
  texture.needsUpdate = true;
  return texture;
}
