import { describe, expect, it } from 'vitest';
import * as THREE from 'three';
import { ChunkMeshRenderer, TRANSLUCENT_RENDER_ORDER, createQuadGeometry, hasCutoutQuad } from '@/utils/render/ChunkMeshRenderer';
import { BlockId, FACE_LAYER_TABLE } from '@/config/blocks';
import type { ChunkMesh } from '@/types/streaming';
import { UINT16_INDEX_MAX_QUADS, packQuadWord0 } from '@/utils/render/quadGeometry';

function makeMesh(solid: number, translucent: number, spare = 0): ChunkMesh {
  const quadCount = solid + translucent;
  const quads = new Uint32Array((quadCount + spare) * 2);
  for (let i = 0; i < quadCount; i++) {
    quads[i * 2] = packQuadWord0(i % 32, 0, 0, 1, 1, 2);
    quads[i * 2 + 1] = i < solid ? 2 << 16 : 7 << 16;
  }
  return { quads, quadCount, solidQuadCount: solid };
}

function chunkMeshes(r: ChunkMeshRenderer): THREE.Mesh[] {
  return r.group.children as THREE.Mesh[];
}

/** Tracks dispose events of every geometry currently in the group. */
function trackDisposals(r: ChunkMeshRenderer, disposed: Set<THREE.BufferGeometry>) {
  for (const m of chunkMeshes(r)) {
    const g = m.geometry;
    if ((g as unknown as { __tracked?: boolean }).__tracked) continue;
    (g as unknown as { __tracked?: boolean }).__tracked = true;
    g.addEventListener('dispose', () => disposed.add(g));
  }
}

describe('ChunkMeshRenderer', () => {
  it('builds one plain indexed mesh per non-empty pass: 4 vertices carrying the quad words, 6 indices per quad', () => {
    const r = new ChunkMeshRenderer();
    const mesh = makeMesh(5, 3, 4);
    r.addChunk('1,2,3', 1, 2, 3, mesh);
    const [solid, water] = chunkMeshes(r);
    expect(chunkMeshes(r).length).toBe(2);
    const sg = solid.geometry;
    const wg = water.geometry;
    expect((sg as THREE.InstancedBufferGeometry).isInstancedBufferGeometry).toBeUndefined(); // not instanced
    expect(Object.keys(sg.attributes)).toEqual(['quad']); // no position buffer: corners come from gl_VertexID
    const sa = sg.getAttribute('quad') as THREE.BufferAttribute;
    const wa = wg.getAttribute('quad') as THREE.BufferAttribute;
    expect((sa as THREE.InstancedBufferAttribute).isInstancedBufferAttribute).toBeUndefined();
    expect(sa.array).toBeInstanceOf(Uint32Array);
    expect(sa.itemSize).toBe(2);
    expect(sa.gpuType).toBe(THREE.IntType);
    expect(sa.array.buffer).not.toBe(mesh.quads.buffer); // own copy: the caller may reuse mesh.quads
    expect(sa.count).toBe(5 * 4);
    expect(wa.count).toBe(3 * 4);
    // vertex v of a pass holds the words of the pass's quad v >> 2
    for (const [attr, first, n] of [[sa, 0, 5], [wa, 5, 3]] as const) {
      for (let v = 0; v < n * 4; v++) {
        expect(attr.array[v * 2]).toBe(mesh.quads[(first + (v >> 2)) * 2]);
        expect(attr.array[v * 2 + 1]).toBe(mesh.quads[(first + (v >> 2)) * 2 + 1]);
      }
    }
    expect(sg.index!.count).toBe(5 * 6);
    expect(wg.index!.count).toBe(3 * 6);
    expect(Array.from(sg.index!.array.slice(0, 12))).toEqual([0, 1, 2, 0, 2, 3, 4, 5, 6, 4, 6, 7]);
    expect(Array.from(wg.index!.array)).toEqual(Array.from(sg.index!.array.slice(0, 18))); // each pass indexes its own vertices from 0
    expect(sg.drawRange.count).toBe(Infinity); // the whole index is drawn
    expect(sg.index).not.toBe(wg.index); // own attribute per geometry (three deletes it on dispose)
    expect(sg.index!.array.buffer).toBe(wg.index!.array.buffer); // but views of one cached index array
    expect(solid.material).toBe(r.materials.solid);
    expect(water.material).toBe(r.materials.translucent);
    expect(water.renderOrder).toBe(TRANSLUCENT_RENDER_ORDER);
    expect(solid.renderOrder).toBeLessThan(water.renderOrder);
    expect(r.getStats()).toEqual({ chunks: 1, quads: 8, geometries: 2 });
    r.dispose();
  });

  it('createQuadGeometry switches to a Uint32 index past the Uint16 limit (restart index 65535 never used)', () => {
    const n = UINT16_INDEX_MAX_QUADS + 1;
    const quads = new Uint32Array(n * 2);
    for (let i = 0; i < n; i++) {
      quads[i * 2] = packQuadWord0(i & 31, (i >> 5) & 31, (i >> 10) & 15, 1, 1, i % 6);
      quads[i * 2 + 1] = i;
    }
    const small = createQuadGeometry(quads, 1, n); // exactly UINT16_INDEX_MAX_QUADS quads
    const big = createQuadGeometry(quads, 0, n);
    expect(small.index!.array).toBeInstanceOf(Uint16Array);
    expect(big.index!.array).toBeInstanceOf(Uint32Array);
    expect(Math.max(...small.index!.array)).toBe(65531);
    expect(big.index!.array[big.index!.count - 1]).toBe(4 * n - 1);
    const bq = big.getAttribute('quad').array as Uint32Array;
    expect(bq[(4 * n - 1) * 2 + 1]).toBe(n - 1);
    expect(bq[(4 * n - 1) * 2]).toBe(quads[(n - 1) * 2]);
    small.dispose();
    big.dispose();
  });

  it('uses the alpha-tested material only for chunks whose solid pass holds leaves', () => {
    const r = new ChunkMeshRenderer();
    const plain = makeMesh(4, 0);
    const leafy = makeMesh(4, 0);
    leafy.quads[5] = (BlockId.LEAVES | (FACE_LAYER_TABLE[BlockId.LEAVES * 6 + 2] << 16)) >>> 0; // quad 2 is leaves
    expect(hasCutoutQuad(plain.quads, 0, 4)).toBe(false);
    expect(hasCutoutQuad(leafy.quads, 0, 4)).toBe(true);
    expect(hasCutoutQuad(leafy.quads, 3, 4)).toBe(false);
    r.addChunk('0,0,0', 0, 0, 0, plain);
    r.addChunk('1,0,0', 1, 0, 0, leafy);
    expect(chunkMeshes(r)[0].material).toBe(r.materials.solid);
    expect(chunkMeshes(r)[1].material).toBe(r.materials.cutout);
    r.dispose();
  });

  it('empty meshes count as chunks but create no geometry', () => {
    const r = new ChunkMeshRenderer();
    r.addChunk('0,5,0', 0, 5, 0, makeMesh(0, 0));
    r.addChunk('0,4,0', 0, 4, 0, makeMesh(0, 2));
    expect(r.getStats()).toEqual({ chunks: 2, quads: 2, geometries: 1 });
    expect(chunkMeshes(r).length).toBe(1);
    r.dispose();
  });

  it('sets the chunk box as bounds so frustum culling works without positions', () => {
    const r = new ChunkMeshRenderer();
    r.addChunk('0,0,0', 0, 0, 0, makeMesh(1, 0));
    const m = chunkMeshes(r)[0];
    expect(m.frustumCulled).toBe(true);
    expect(m.geometry.boundingBox!.min.toArray()).toEqual([0, 0, 0]);
    expect(m.geometry.boundingBox!.max.toArray()).toEqual([32, 32, 32]);
    expect(m.geometry.boundingSphere!.radius).toBeCloseTo(16 * Math.sqrt(3));

    const camera = new THREE.PerspectiveCamera(70, 1, 0.1, 500);
    camera.position.set(16, 16, 100);
    camera.lookAt(16, 16, 0); // looking at the chunk
    camera.updateMatrixWorld();
    r.group.updateMatrixWorld(true);
    const frustum = new THREE.Frustum().setFromProjectionMatrix(
      new THREE.Matrix4().multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse),
    );
    expect(frustum.intersectsObject(m)).toBe(true);
    camera.lookAt(16, 16, 200); // looking away
    camera.updateMatrixWorld();
    frustum.setFromProjectionMatrix(new THREE.Matrix4().multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse));
    expect(frustum.intersectsObject(m)).toBe(false);
    r.dispose();
  });

  it('disposes the geometry of every replaced and removed chunk, and everything on dispose', () => {
    const r = new ChunkMeshRenderer();
    const disposed = new Set<THREE.BufferGeometry>();
    const created = new Set<THREE.BufferGeometry>();
    const note = () => {
      trackDisposals(r, disposed);
      for (const m of chunkMeshes(r)) created.add(m.geometry);
    };
    for (let i = 0; i < 10; i++) r.addChunk(`${i},0,0`, i, 0, 0, makeMesh(3, i % 2));
    note();
    expect(r.getStats().geometries).toBe(15);

    const before = chunkMeshes(r).filter((m) => m.name.startsWith('chunk 3,0,0')).map((m) => m.geometry);
    r.addChunk('3,0,0', 3, 0, 0, makeMesh(2, 0)); // replace
    note();
    for (const g of before) expect(disposed.has(g)).toBe(true);
    expect(r.getStats()).toEqual({ chunks: 10, quads: 3 * 10 + 5 - 4 + 2, geometries: 14 });

    const removed = chunkMeshes(r).filter((m) => m.name.startsWith('chunk 5,0,0')).map((m) => m.geometry);
    r.removeChunk('5,0,0');
    r.removeChunk('5,0,0'); // idempotent
    r.removeChunk('99,0,0'); // unknown: no-op
    for (const g of removed) expect(disposed.has(g)).toBe(true);
    expect(chunkMeshes(r).some((m) => m.name.startsWith('chunk 5,0,0'))).toBe(false);

    // every live geometry is still undisposed
    for (const m of chunkMeshes(r)) expect(disposed.has(m.geometry)).toBe(false);

    let materialDisposals = 0;
    let textureDisposed = false;
    r.materials.solid.addEventListener('dispose', () => materialDisposals++);
    r.materials.translucent.addEventListener('dispose', () => materialDisposals++);
    r.materials.cutout.addEventListener('dispose', () => materialDisposals++);
    r.texture.addEventListener('dispose', () => (textureDisposed = true));
    r.dispose();
    expect(r.group.children.length).toBe(0);
    expect(r.getStats()).toEqual({ chunks: 0, quads: 0, geometries: 0 });
    expect(disposed.size).toBe(created.size);
    for (const g of created) expect(disposed.has(g)).toBe(true);
    expect(materialDisposals).toBe(3);
    expect(textureDisposed).toBe(true);
    expect(() => r.addChunk('0,0,0', 0, 0, 0, makeMesh(1, 0))).toThrow(/^ChunkMeshRenderer: addChunk\(0,0,0\) after dispose/);
    r.dispose(); // idempotent
  });

  it('places chunks relative to the floating origin (float64 origin, small float32 offsets)', () => {
    const r = new ChunkMeshRenderer();
    const cx = 312_500; // x = 10,000,000 blocks
    r.addChunk(`${cx},0,-1`, cx, 0, -1, makeMesh(1, 1));
    r.setOrigin(10_000_000 - 40, 16, 0);
    for (const m of chunkMeshes(r)) {
      expect(m.position.toArray()).toEqual([40, -16, -32]);
      expect(m.matrix.elements[12]).toBe(40);
      expect(m.matrix.elements[14]).toBe(-32);
    }
    r.addChunk(`${cx + 1},0,0`, cx + 1, 0, 0, makeMesh(1, 0)); // added after the origin moved
    const last = chunkMeshes(r)[2];
    expect(last.position.toArray()).toEqual([72, -16, 0]);
    expect(r.getOrigin({ x: 0, y: 0, z: 0 })).toEqual({ x: 10_000_000 - 40, y: 16, z: 0 });
    expect(() => r.setOrigin(NaN, 0, 0)).toThrow(/^ChunkMeshRenderer: origin must be finite, got \(NaN, 0, 0\)/);
    r.dispose();
  });

  it('rejects malformed meshes naming the chunk and the field', () => {
    const r = new ChunkMeshRenderer();
    const bad = makeMesh(2, 0);
    expect(() => r.addChunk('0,0,0', 0, 0, 0, { ...bad, quadCount: 3 })).toThrow(
      /^ChunkMeshRenderer: chunk 0,0,0: quadCount must be an integer in \[0, 2\], got 3/,
    );
    expect(() => r.addChunk('0,0,0', 0, 0, 0, { ...bad, solidQuadCount: 3 })).toThrow(/solidQuadCount must be an integer in \[0, 2\], got 3/);
    expect(() => r.addChunk('0,0,0', 0.5, 0, 0, bad)).toThrow(/coordinates must be integers/);
    expect(r.getStats().chunks).toBe(0);
    r.dispose();
  });
});
