/**
 * ChunkMeshRenderer: the browser's ChunkRenderSink. Turns chunk meshes (packed quads, ARCHITECTURE.md
 * "Mesher") into three.js meshes inside one Group, with no React.
 *
 * Per chunk: up to two meshes, each a plain (non-instanced) indexed BufferGeometry: solid quads
 * [0, solidQuadCount) and translucent quads [solidQuadCount, quadCount). Its only vertex attribute is
 * `quad` (uvec2, 8 bytes per vertex): the quad's two packed words repeated for its 4 vertices, expanded in
 * one pass into a Uint32Array of the geometry's own (mesh.quads is not kept: the caller may reuse it).
 * The index (6 per quad, 4q + 0,1,2,0,2,3) is a view of one cached array (quadGeometry.quadIndexArray),
 * wrapped in a BufferAttribute per geometry: three deletes a geometry's attribute buffers on dispose and
 * a VAO keeps its element buffer binding, so an index attribute shared between geometries would leave the
 * others drawing from a deleted buffer. The shader pulls the corner from gl_VertexID & 3; no positions.
 * Instancing 4-vertex quads is slow on GPUs and pathological under SwiftShader; this is one plain draw.
 * The solid pass of a chunk uses the `cutout` material (alpha test) only when it holds a cutout block
 * (leaves), so most chunks keep early depth testing.
 *
 * Culling: bounding box/sphere are set explicitly to the chunk's 32^3 box in chunk-local space (there are
 * no positions to compute them from), so three's frustum culling works per chunk.
 *
 * Floating origin: world positions are float64 numbers outside three. Each chunk mesh sits at
 * (chunk origin - origin) with origin = setOrigin(x, y, z); the camera must use the same origin.
 */
import * as THREE from 'three';
import type { ChunkMesh, ChunkRenderSink } from '@/types/streaming';
import { CHUNK_SIZE } from '@/types/chunk';
import { BLOCKS } from '@/config/blocks';
import { QUAD_INDICES, VERTICES_PER_QUAD, WORDS_PER_VERTEX, expandQuadVertices, quadIndexArray } from './quadGeometry';
import { createBlockTextureArray } from './blockTextures';
import { createChunkMaterials, fogRangeForLoadDistance, type ChunkMaterials } from './chunkMaterial';

/** Indices drawn per quad (two triangles over corners 0..3). */
export const INDICES_PER_QUAD = QUAD_INDICES.length;
/** uint32 words of vertex data per quad (4 vertices x 2 words, 32 bytes). */
export const WORDS_PER_QUAD = VERTICES_PER_QUAD * WORDS_PER_VERTEX;
/** 1 for block ids drawn with the alpha test (renderPass 'cutout'), index = block id. */
const CUTOUT_TABLE: Uint8Array = (() => {
  const t = new Uint8Array(65536);
  for (const b of BLOCKS) t[b.id] = b.renderPass === 'cutout' ? 1 : 0;
  return t;
})();
/** Render order of water meshes: after every solid mesh. */
export const TRANSLUCENT_RENDER_ORDER = 1;

export interface ChunkMeshRendererStats {
  /** Chunks handed to the renderer (empty meshes included). */
  chunks: number;
  /** Quads of all chunks (solid + translucent). */
  quads: number;
  /** Live geometries (one per non-empty pass per chunk). */
  geometries: number;
}

export interface ChunkMeshRendererOptions {
  /** Load radius (blocks): sets the fog so the edge of the loaded world is hidden. Default 208. */
  loadDistance?: number;
  /** Seed of the procedural textures. */
  textureSeed?: number;
}

interface ChunkEntry {
  cx: number;
  cy: number;
  cz: number;
  quads: number;
  solid: THREE.Mesh | null;
  translucent: THREE.Mesh | null;
}

/** The 32^3 chunk box in chunk-local space, shared by every geometry (three only reads it). */
const CHUNK_BOX = new THREE.Box3(new THREE.Vector3(0, 0, 0), new THREE.Vector3(CHUNK_SIZE, CHUNK_SIZE, CHUNK_SIZE));
const CHUNK_SPHERE = new THREE.Sphere(
  new THREE.Vector3(CHUNK_SIZE / 2, CHUNK_SIZE / 2, CHUNK_SIZE / 2),
  (CHUNK_SIZE / 2) * Math.sqrt(3),
);

/**
 * Drops the CPU copy of an attribute once WebGL has it (three's BufferAttribute.onUpload): the vertex
 * data then lives only in GPU memory, and the array dies young instead of being promoted and collected
 * by a full GC. Chunk geometry is never updated in place; after a lost WebGL context chunks are rebuilt
 * by streaming, not re-uploaded.
 */
function releaseArray(this: THREE.BufferAttribute): void {
  (this as unknown as { array: ArrayLike<number> | null }).array = null;
}

/**
 * A vertex-pulled geometry of quads[2*start .. 2*end): attribute `quad` holds 8 words per quad (copied,
 * see expandQuadVertices), index 6 per quad (a view of the cached index array, own BufferAttribute).
 */
export function createQuadGeometry(quads: Uint32Array, start: number, end: number): THREE.BufferGeometry {
  const count = end - start;
  const words = expandQuadVertices(quads, start, end, new Uint32Array(count * WORDS_PER_QUAD));
  const geometry = new THREE.BufferGeometry();
  const attribute = new THREE.BufferAttribute(words, WORDS_PER_VERTEX, false);
  attribute.gpuType = THREE.IntType; // integer attribute (vertexAttribIPointer); the Uint32Array makes it UNSIGNED_INT
  attribute.onUpload(releaseArray);
  geometry.setAttribute('quad', attribute);
  const index = new THREE.BufferAttribute(quadIndexArray(count), 1);
  index.onUpload(releaseArray);
  geometry.setIndex(index);
  // Geometries keep their own (cloned) bounds: three's dispose/clone paths may mutate them.
  geometry.boundingBox = CHUNK_BOX.clone();
  geometry.boundingSphere = CHUNK_SPHERE.clone();
  return geometry;
}

/** True when a quad of quads[2*start .. 2*end) belongs to a cutout block (word1 low 16 bits = block id). */
export function hasCutoutQuad(quads: Uint32Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (CUTOUT_TABLE[quads[i * 2 + 1] & 0xffff] === 1) return true;
  return false;
}

function checkMesh(key: string, mesh: ChunkMesh): void {
  const { quads, quadCount, solidQuadCount } = mesh;
  if (!(quads instanceof Uint32Array)) throw new Error(`ChunkMeshRenderer: chunk ${key}: mesh.quads must be a Uint32Array`);
  if (!Number.isInteger(quadCount) || quadCount < 0 || quadCount * 2 > quads.length) {
    throw new Error(`ChunkMeshRenderer: chunk ${key}: quadCount must be an integer in [0, ${quads.length >> 1}], got ${quadCount}`);
  }
  if (!Number.isInteger(solidQuadCount) || solidQuadCount < 0 || solidQuadCount > quadCount) {
    throw new Error(`ChunkMeshRenderer: chunk ${key}: solidQuadCount must be an integer in [0, ${quadCount}], got ${solidQuadCount}`);
  }
}

export class ChunkMeshRenderer implements ChunkRenderSink {
  /** Add this to the scene. Its children are the chunk meshes. */
  readonly group = new THREE.Group();
  readonly materials: ChunkMaterials;
  readonly texture: THREE.DataArrayTexture;
  private readonly chunks = new Map<string, ChunkEntry>();
  private originX = 0;
  private originY = 0;
  private originZ = 0;
  private quadTotal = 0;
  private geometryCount = 0;
  private disposed = false;

  constructor(options: ChunkMeshRendererOptions = {}) {
    const loadDistance = options.loadDistance ?? 208;
    const fog = fogRangeForLoadDistance(loadDistance);
    this.texture = createBlockTextureArray(options.textureSeed);
    this.materials = createChunkMaterials(this.texture, fog.near, fog.far);
    this.group.name = 'chunks';
    // Chunk meshes never move on their own: their matrices are updated only when placed.
    this.group.matrixAutoUpdate = false;
  }

  addChunk(key: string, cx: number, cy: number, cz: number, mesh: ChunkMesh): void {
    if (this.disposed) throw new Error(`ChunkMeshRenderer: addChunk(${key}) after dispose`);
    if (!Number.isInteger(cx) || !Number.isInteger(cy) || !Number.isInteger(cz)) {
      throw new Error(`ChunkMeshRenderer: chunk ${key}: coordinates must be integers, got (${cx}, ${cy}, ${cz})`);
    }
    checkMesh(key, mesh);
    this.removeChunk(key);
    const { quads, quadCount, solidQuadCount } = mesh;
    const entry: ChunkEntry = { cx, cy, cz, quads: quadCount, solid: null, translucent: null };
    if (solidQuadCount > 0) {
      const material = hasCutoutQuad(quads, 0, solidQuadCount) ? this.materials.cutout : this.materials.solid;
      entry.solid = this.createMesh(key, quads, 0, solidQuadCount, material);
    }
    if (quadCount > solidQuadCount) {
      entry.translucent = this.createMesh(key, quads, solidQuadCount, quadCount, this.materials.translucent);
    }
    this.chunks.set(key, entry);
    this.quadTotal += quadCount;
    this.place(entry);
  }

  removeChunk(key: string): void {
    const entry = this.chunks.get(key);
    if (!entry) return;
    this.chunks.delete(key);
    this.quadTotal -= entry.quads;
    if (entry.solid) this.destroyMesh(entry.solid);
    if (entry.translucent) this.destroyMesh(entry.translucent);
  }

  hasChunk(key: string): boolean {
    return this.chunks.has(key);
  }

  /** Sets the floating origin (world blocks, float64) and moves every chunk mesh relative to it. Non-finite values are rejected. */
  setOrigin(x: number, y: number, z: number): void {
    if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) {
      throw new Error(`ChunkMeshRenderer: origin must be finite, got (${x}, ${y}, ${z})`);
    }
    if (x === this.originX && y === this.originY && z === this.originZ) return;
    this.originX = x;
    this.originY = y;
    this.originZ = z;
    for (const entry of this.chunks.values()) this.place(entry);
  }

  /** The current floating origin, written into `out`. */
  getOrigin<T extends { x: number; y: number; z: number }>(out: T): T {
    out.x = this.originX;
    out.y = this.originY;
    out.z = this.originZ;
    return out;
  }

  /** Fog distances (blocks) from a load radius: fully fogged just inside it. */
  setLoadDistance(loadDistance: number): void {
    const fog = fogRangeForLoadDistance(loadDistance);
    this.materials.setFog(fog.near, fog.far);
  }

  getStats(): ChunkMeshRendererStats {
    return { chunks: this.chunks.size, quads: this.quadTotal, geometries: this.geometryCount };
  }

  /** Disposes every chunk geometry, the materials and the texture; the group is left empty. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    for (const key of Array.from(this.chunks.keys())) this.removeChunk(key);
    this.group.clear();
    this.materials.dispose();
    this.texture.dispose();
    this.disposed = true;
  }

  private createMesh(key: string, quads: Uint32Array, start: number, end: number, material: THREE.ShaderMaterial): THREE.Mesh {
    const translucent = material === this.materials.translucent;
    const geometry = createQuadGeometry(quads, start, end);
    const mesh = new THREE.Mesh(geometry, material);
    mesh.name = translucent ? `chunk ${key} water` : `chunk ${key}`;
    mesh.matrixAutoUpdate = false;
    mesh.frustumCulled = true;
    mesh.renderOrder = translucent ? TRANSLUCENT_RENDER_ORDER : 0;
    this.group.add(mesh);
    this.geometryCount++;
    return mesh;
  }

  private destroyMesh(mesh: THREE.Mesh): void {
    this.group.remove(mesh);
    mesh.geometry.dispose();
    this.geometryCount--;
  }

  private place(entry: ChunkEntry): void {
    const x = entry.cx * CHUNK_SIZE - this.originX;
    const y = entry.cy * CHUNK_SIZE - this.originY;
    const z = entry.cz * CHUNK_SIZE - this.originZ;
    if (entry.solid) {
      entry.solid.position.set(x, y, z);
      entry.solid.updateMatrix();
    }
    if (entry.translucent) {
      entry.translucent.position.set(x, y, z);
      entry.translucent.updateMatrix();
    }
  }
}
