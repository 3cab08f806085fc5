import { describe, expect, it } from 'vitest';
import * as THREE from 'three';
import {
  createChunkMaterials,
  faceBrightness,
  fogRangeForLoadDistance,
  validateFog,
  CUTOUT_ALPHA,
} from '@/utils/render/chunkMaterial';
import { CORNER_MASK, CORNER_U_BITS, CORNER_V_BITS, FLIPPED_FACES_MASK } from '@/utils/render/quadGeometry';

describe('chunk materials', () => {
  it('shades the top brightest, the bottom darkest', () => {
    const top = faceBrightness(2);
    const bottom = faceBrightness(3);
    for (const side of [0, 1, 4, 5]) {
      expect(faceBrightness(side)).toBeLessThan(top);
      expect(faceBrightness(side)).toBeGreaterThan(bottom);
    }
  });

  it('fog ends just inside the load radius', () => {
    const { near, far } = fogRangeForLoadDistance(208);
    expect(far).toBeLessThan(208);
    expect(far).toBeGreaterThan(208 - 32);
    expect(near).toBeGreaterThan(0);
    expect(near).toBeLessThan(far);
    expect(() => fogRangeForLoadDistance(NaN)).toThrow(/^chunkMaterial: loadDistance must be a finite number >= 32 blocks, got NaN/);
    expect(() => validateFog(10, 5)).toThrow(/^chunkMaterial: fogFar must be a finite number > fogNear \(10\) blocks, got 5/);
    expect(() => validateFog(-1, 5)).toThrow(/fogNear must be a finite number >= 0 blocks, got -1/);
  });

  it('solid: opaque pass with alpha cutout; translucent: blended, no depth write, both sides; shared uniforms', () => {
    const tex = new THREE.DataArrayTexture(new Uint8Array(4), 1, 1, 1);
    const m = createChunkMaterials(tex, 100, 200);
    expect(m.solid.glslVersion).toBe(THREE.GLSL3);
    expect(m.solid.transparent).toBe(false);
    expect(m.solid.depthWrite).toBe(true);
    expect(m.solid.side).toBe(THREE.FrontSide);
    expect(m.solid.defines?.ALPHA_CUTOUT).toBeUndefined(); // no discard: early depth test stays on
    expect(m.cutout.defines.ALPHA_CUTOUT).toBe(1);
    expect(m.cutout.uniforms.alphaCutoff.value).toBe(CUTOUT_ALPHA);
    expect(m.cutout.transparent).toBe(false);
    expect(m.cutout.depthWrite).toBe(true);
    expect(m.solid.fragmentShader).toMatch(/#ifdef ALPHA_CUTOUT\s+if \(texel\.a < alphaCutoff\) discard;\s+#endif/);
    expect(m.translucent.transparent).toBe(true);
    expect(m.translucent.defines.TRANSLUCENT).toBe(1); // the only pass writing alpha < 1
    expect(m.solid.defines?.TRANSLUCENT).toBeUndefined();
    expect(m.cutout.defines.TRANSLUCENT).toBeUndefined();
    expect(m.translucent.depthWrite).toBe(false);
    expect(m.translucent.side).toBe(THREE.DoubleSide);
    m.setFog(50, 150);
    expect(m.solid.uniforms.fogNear.value).toBe(50);
    expect(m.translucent.uniforms.fogFar.value).toBe(150);
    expect(m.solid.uniforms.blockTextures.value).toBe(tex);
    expect(m.cutout.uniforms.fogNear).toBe(m.solid.uniforms.fogNear);
    // the vertex shader is compiled from the same corner tables the TypeScript mirror uses
    expect(m.solid.vertexShader).toContain(`int vid = gl_VertexID & ${CORNER_MASK};`); // non-instanced: 4 vertices per quad
    expect(m.solid.vertexShader).toContain(`(${CORNER_U_BITS} >> vid)`);
    expect(m.solid.vertexShader).toContain(`(${CORNER_V_BITS} >> vid)`);
    expect(m.solid.vertexShader).toContain(`${FLIPPED_FACES_MASK}u >> face`);
    expect(m.solid.vertexShader).toContain('in uvec2 quad;');
    let disposed = 0;
    m.solid.addEventListener('dispose', () => disposed++);
    m.translucent.addEventListener('dispose', () => disposed++);
    m.cutout.addEventListener('dispose', () => disposed++);
    m.dispose();
    expect(disposed).toBe(3);
  });
});
