/**
 * ChunkMeshRenderer: the browser's ChunkRenderSink. Turns chunk meshes (packed quads, ARCHITECTURE.md
 * "Mesher") into three.js meshes inside one Group, with no React.
 *
 * Per chunk: up to two meshes, each an InstancedBufferGeometry whose only attribute is the per-instance
 * `quad` (uvec2, 8 bytes per quad, a subarray view of mesh.quads: nothing is copied): solid quads
 * [0, solidQuadCount) and translucent quads [solidQuadCount, quadCount). Vertices are pulled in the shader
 * from gl_VertexID (drawRange 0..6, no index, no position), so there is no per-chunk vertex buffer at all.
 * Geometries share no attributes (three deletes a geometry's attribute buffers on dispose, so sharing one
 * would break the other chunks).
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
import { createBlockTextureArray } from './blockTextures';
import { createChunkMaterials, fogRangeForLoadDistance, type ChunkMaterials } from './chunkMaterial';

/** Vertices drawn per quad instance (two triangles, gl_VertexID 0..5). */
export const VERTICES_PER_QUAD = 6;
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

/** A vertex-pulled geometry over quads[2*start .. 2*end) (a view, not a copy). */
export function createQuadGeometry(quads: Uint32Array, start: number, end: number): THREE.InstancedBufferGeometry {
  const geometry = new THREE.InstancedBufferGeometry();
  const attribute = new THREE.InstancedBufferAttribute(quads.subarray(start * 2, end * 2), 2, false, 1);
  attribute.gpuType = THREE.IntType; // integer attribute (vertexAttribIPointer); the Uint32Array makes it UNSIGNED_INT
  geometry.setAttribute('quad', attribute);
  geometry.setDrawRange(0, VERTICES_PER_QUAD);
  geometry.instanceCount = end - start;
  // Geometries keep their own (cloned) bounds: three's dispose/clone paths may mutate them.
  geometry.boundingBox = CHUNK_BOX.clone();
  geometry.boundingSphere = CHUNK_SPHERE.clone();
  return geometry;
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
    if (solidQuadCount > 0) entry.solid = this.createMesh(key, quads, 0, solidQuadCount, false);
    if (quadCount > solidQuadCount) entry.translucent = this.createMesh(key, quads, solidQuadCount, quadCount, true);
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

  /** Disposes every chunk geometry, both materials and the texture; the group is left empty. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    for (const key of Array.from(this.chunks.keys())) this.removeChunk(key);
    this.group.clear();
    this.materials.dispose();
    this.texture.dispose();
    this.disposed = true;
  }

  private createMesh(key: string, quads: Uint32Array, start: number, end: number, translucent: boolean): THREE.Mesh {
    const geometry = createQuadGeometry(quads, start, end);
    const mesh = new THREE.Mesh(geometry, translucent ? this.materials.translucent : this.materials.solid);
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
