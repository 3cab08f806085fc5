/**
 * The chunk materials (GLSL3 ShaderMaterials drawing vertex-pulled quads):
 * - solid: the solid pass of chunks without cutout blocks, FrontSide, depth write, no `discard` in the
 *   shader (keeps early depth testing on), renderOrder 0;
 * - cutout: the solid pass of chunks holding cutout blocks (leaves), the same plus the alpha test;
 * - translucent: water, blended, depthWrite false, DoubleSide (seen from under the surface too),
 *   drawn after the solid pass (meshes get renderOrder 1, three also draws transparent objects last).
 *
 * Vertex pulling without instancing: each vertex carries its quad's two packed words (`in uvec2 quad`,
 * 8 bytes per vertex, the same for the quad's 4 vertices) and gl_VertexID & CORNER_MASK picks the corner
 * (see quadGeometry.ts, whose constants are compiled into the shader). Positions are chunk-local blocks; the
 * mesh's position carries the chunk origin relative to the floating origin.
 * Colour: the texture is sRGB (decoded to linear by the GPU), shading and fog happen in linear space,
 * output goes through three's colorspace conversion. Fog: smoothstep(fogNear, fogFar, distance to camera)
 * toward fogColor (= the sky colour), distances in blocks.
 */
import * as THREE from 'three';
import { CORNER_MASK, CORNER_U_BITS, CORNER_V_BITS, FLIPPED_FACES_MASK } from './quadGeometry';

/** Brightness per face (+x, -x, +y, -y, +z, -z) before the sun term: top brightest, bottom darkest. */
export const FACE_SHADE: readonly number[] = [0.8, 0.8, 1.0, 0.5, 0.68, 0.68];
/** Unit direction toward the sun (world space). */
export const SUN_DIRECTION: readonly [number, number, number] = [0.36, 0.84, 0.4];
/** Share of the light that depends on the sun direction (the rest is the face shade alone). */
export const SUN_WEIGHT = 0.2;
/** Fragments with texture alpha below this are discarded in the solid pass (leaf holes). */
export const CUTOUT_ALPHA = 0.5;
/** Default sky / fog colour (sRGB). */
export const SKY_COLOR = 0x9cc9f0;

/**
 * Per-face brightness as the shader computes it: FACE_SHADE[face] * (1 - SUN_WEIGHT + SUN_WEIGHT * max(n.sun, 0)).
 * Exported so tests can check the ordering (top > sides > bottom).
 */
export function faceBrightness(face: number): number {
  const axis = face >> 1;
  const sign = (face & 1) === 0 ? 1 : -1;
  const len = Math.hypot(SUN_DIRECTION[0], SUN_DIRECTION[1], SUN_DIRECTION[2]);
  const ndl = Math.max(0, (sign * SUN_DIRECTION[axis]) / len);
  return FACE_SHADE[face] * (1 - SUN_WEIGHT + SUN_WEIGHT * ndl);
}

const glslFloat = (v: number) => (Number.isInteger(v) ? v.toFixed(1) : String(v));

const VERTEX_SHADER = /* glsl */ `
precision highp float;
precision highp int;

in uvec2 quad;

uniform vec3 sunDirection;

out vec2 vUv;
flat out float vLayer;
flat out float vShade;
out float vDistance;

const float FACE_SHADE[6] = float[6](${FACE_SHADE.map(glslFloat).join(', ')});

void main() {
  uint w0 = quad.x;
  uint w1 = quad.y;
  vec3 base = vec3(float(w0 & 31u), float((w0 >> 5u) & 31u), float((w0 >> 10u) & 31u));
  float w = float(((w0 >> 15u) & 31u) + 1u);
  float h = float(((w0 >> 20u) & 31u) + 1u);
  uint face = (w0 >> 25u) & 7u;
  uint pairAxis = face >> 1u;
  bool positive = (face & 1u) == 0u;

  int vid = gl_VertexID & ${CORNER_MASK};
  float a = float((${CORNER_U_BITS} >> vid) & 1);
  float b = float((${CORNER_V_BITS} >> vid) & 1);
  bool flipped = ((${FLIPPED_FACES_MASK}u >> face) & 1u) == 1u;
  float cu = flipped ? b : a;
  float cv = flipped ? a : b;

  // (normal, U, V) axes per face pair: x faces (x; z, y), y faces (y; x, z), z faces (z; x, y)
  vec3 N = pairAxis == 0u ? vec3(1.0, 0.0, 0.0) : (pairAxis == 1u ? vec3(0.0, 1.0, 0.0) : vec3(0.0, 0.0, 1.0));
  vec3 U = pairAxis == 0u ? vec3(0.0, 0.0, 1.0) : vec3(1.0, 0.0, 0.0);
  vec3 V = pairAxis == 1u ? vec3(0.0, 0.0, 1.0) : vec3(0.0, 1.0, 0.0);

  float du = cu * w;
  float dv = cv * h;
  vec3 local = base + U * du + V * dv + (positive ? N : vec3(0.0));

  // UVs in blocks so the tile repeats once per block; side faces run v downward (tile row 0 on top).
  vUv = pairAxis == 1u ? vec2(du, dv) : vec2(du, -dv);
  vLayer = float((w1 >> 16u) & 0xffffu);

  vec3 normal = positive ? N : -N;
  float ndl = max(dot(normal, sunDirection), 0.0);
  vShade = FACE_SHADE[face] * (${glslFloat(1 - SUN_WEIGHT)} + ${glslFloat(SUN_WEIGHT)} * ndl);

  vec4 mvPosition = modelViewMatrix * vec4(local, 1.0);
  vDistance = length(mvPosition.xyz);
  gl_Position = projectionMatrix * mvPosition;
}
`;

const FRAGMENT_SHADER = /* glsl */ `
precision highp float;
precision highp int;
precision highp sampler2DArray;

uniform sampler2DArray blockTextures;
uniform vec3 fogColor;
uniform float fogNear;
uniform float fogFar;
uniform float alphaCutoff;
uniform float opacity;

in vec2 vUv;
flat in float vLayer;
flat in float vShade;
in float vDistance;

// GLSL3 materials declare their own output; colorspace_fragment writes gl_FragColor.
layout(location = 0) out highp vec4 pc_fragColor;
#define gl_FragColor pc_fragColor

void main() {
  vec4 texel = texture(blockTextures, vec3(vUv, vLayer));
#ifdef ALPHA_CUTOUT
  if (texel.a < alphaCutoff) discard;
#endif
  vec3 color = texel.rgb * vShade;
  float fog = smoothstep(fogNear, fogFar, vDistance);
#ifdef TRANSLUCENT
  float alpha = texel.a * opacity;
#else
  // Opaque passes write alpha 1: a texel alpha below 1 (leaf mips) left in the drawing buffer makes the
  // compositor brighten those pixels even with alpha: false on some implementations (SwiftShader).
  float alpha = 1.0;
#endif
  gl_FragColor = vec4(mix(color, fogColor, fog), alpha);
  #include <colorspace_fragment>
}
`;

export interface ChunkMaterialUniforms {
  [name: string]: THREE.IUniform;
  blockTextures: THREE.IUniform<THREE.Texture | null>;
  fogColor: THREE.IUniform<THREE.Color>;
  fogNear: THREE.IUniform<number>;
  fogFar: THREE.IUniform<number>;
  sunDirection: THREE.IUniform<THREE.Vector3>;
}

/** The chunk materials, sharing their texture, fog and sun uniforms. */
export interface ChunkMaterials {
  readonly solid: THREE.ShaderMaterial;
  readonly cutout: THREE.ShaderMaterial;
  readonly translucent: THREE.ShaderMaterial;
  /** Shared uniform objects: changing one changes both materials. */
  readonly uniforms: ChunkMaterialUniforms;
  /** Fog distances in blocks from the camera; near < far, both finite and >= 0. */
  setFog(near: number, far: number): void;
  /** Sky/fog colour (sRGB hex or a THREE.Color). */
  setFogColor(color: THREE.ColorRepresentation): void;
  /** Disposes the three materials (not the texture, which the caller owns). */
  dispose(): void;
}

/** Checks fog distances; throws `chunkMaterial: ...` naming the bad value. */
export function validateFog(near: number, far: number): void {
  if (!Number.isFinite(near) || near < 0) throw new Error(`chunkMaterial: fogNear must be a finite number >= 0 blocks, got ${near}`);
  if (!Number.isFinite(far) || far <= near) throw new Error(`chunkMaterial: fogFar must be a finite number > fogNear (${near}) blocks, got ${far}`);
}

/** Fog range for a load radius (blocks): fully fogged 8 blocks inside the radius, fog starts at 55% of it. */
export function fogRangeForLoadDistance(loadDistance: number): { near: number; far: number } {
  if (!Number.isFinite(loadDistance) || loadDistance < 32) {
    throw new Error(`chunkMaterial: loadDistance must be a finite number >= 32 blocks, got ${loadDistance}`);
  }
  const far = loadDistance - 8;
  return { near: far * 0.55, far };
}

export function createChunkMaterials(texture: THREE.Texture, fogNear: number, fogFar: number): ChunkMaterials {
  validateFog(fogNear, fogFar);
  const sun = new THREE.Vector3(SUN_DIRECTION[0], SUN_DIRECTION[1], SUN_DIRECTION[2]).normalize();
  const uniforms: ChunkMaterialUniforms = {
    blockTextures: { value: texture },
    fogColor: { value: new THREE.Color(SKY_COLOR) },
    fogNear: { value: fogNear },
    fogFar: { value: fogFar },
    sunDirection: { value: sun },
  };
  const solid = new THREE.ShaderMaterial({
    name: 'chunkSolid',
    glslVersion: THREE.GLSL3,
    vertexShader: VERTEX_SHADER,
    fragmentShader: FRAGMENT_SHADER,
    uniforms: { ...uniforms, alphaCutoff: { value: 0 }, opacity: { value: 1 } },
    side: THREE.FrontSide,
    transparent: false,
    depthWrite: true,
    depthTest: true,
  });
  const cutout = new THREE.ShaderMaterial({
    name: 'chunkCutout',
    glslVersion: THREE.GLSL3,
    defines: { ALPHA_CUTOUT: 1 },
    vertexShader: VERTEX_SHADER,
    fragmentShader: FRAGMENT_SHADER,
    uniforms: { ...uniforms, alphaCutoff: { value: CUTOUT_ALPHA }, opacity: { value: 1 } },
    side: THREE.FrontSide,
    transparent: false,
    depthWrite: true,
    depthTest: true,
  });
  const translucent = new THREE.ShaderMaterial({
    name: 'chunkTranslucent',
    glslVersion: THREE.GLSL3,
    defines: { TRANSLUCENT: 1 },
    vertexShader: VERTEX_SHADER,
    fragmentShader: FRAGMENT_SHADER,
    uniforms: { ...uniforms, alphaCutoff: { value: 0 }, opacity: { value: 1 } },
    side: THREE.DoubleSide,
    transparent: true,
    depthWrite: false,
    depthTest: true,
  });
  return {
    solid,
    cutout,
    translucent,
    uniforms,
    setFog(near: number, far: number) {
      validateFog(near, far);
      uniforms.fogNear.value = near;
      uniforms.fogFar.value = far;
    },
    setFogColor(color: THREE.ColorRepresentation) {
      uniforms.fogColor.value.set(color);
    },
    dispose() {
      solid.dispose();
      cutout.dispose();
      translucent.dispose();
    },
  };
}
