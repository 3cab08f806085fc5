import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FACE_DIRS } from '@/types/chunk';
import { FACE_PAIR_AXES, decodeQuad, packQuadWord0, quadCorners, quadVertex, type DecodedQuad } from '@/utils/render/quadGeometry';

/** In-plane axes per face as ARCHITECTURE.md states them: (z,y) x faces, (x,z) y faces, (x,y) z faces. */
const SPEC_UV: Record<number, [number, number]> = { 0: [2, 1], 1: [2, 1], 2: [0, 2], 3: [0, 2], 4: [0, 1], 5: [0, 1] };

const quadArb = fc
  .record({
    face: fc.integer({ min: 0, max: 5 }),
    x: fc.integer({ min: 0, max: 31 }),
    y: fc.integer({ min: 0, max: 31 }),
    z: fc.integer({ min: 0, max: 31 }),
    w: fc.integer({ min: 1, max: 32 }),
    h: fc.integer({ min: 1, max: 32 }),
  })
  .filter((q) => {
    // the quad must stay inside the chunk along its in-plane axes
    const [u, v] = SPEC_UV[q.face];
    const p = [q.x, q.y, q.z];
    return p[u] + q.w <= 32 && p[v] + q.h <= 32;
  });

function cross(a: number[], b: number[]): number[] {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

describe('quadGeometry', () => {
  it('decodes what it packs', () => {
    const out = {} as DecodedQuad;
    const w0 = packQuadWord0(31, 7, 0, 32, 1, 5);
    const w1 = (9 | (10 << 16)) >>> 0;
    expect(decodeQuad(w0, w1, out)).toEqual({ x: 31, y: 7, z: 0, w: 32, h: 1, face: 5, blockId: 9, layer: 10 });
    expect(() => packQuadWord0(0, 0, 0, 33, 1, 0)).toThrow(/w must be an integer in \[1, 32\], got 33/);
    expect(() => packQuadWord0(0, 0, 0, 1, 1, 6)).toThrow(/face must be an integer in \[0, 5\], got 6/);
  });

  it('uses the in-plane axes of the architecture contract', () => {
    for (let f = 0; f < 6; f++) {
      const [n, u, v] = FACE_PAIR_AXES[f >> 1];
      expect([u, v]).toEqual(SPEC_UV[f]);
      expect(FACE_DIRS[f][n]).toBe(f % 2 === 0 ? 1 : -1);
    }
  });

  it('puts a unit +x quad of block (0,0,0) on the plane x = 1 covering y,z in [0,1]', () => {
    const c = Array.from(quadCorners(packQuadWord0(0, 0, 0, 1, 1, 0)));
    const verts = [0, 1, 2, 3, 4, 5].map((i) => c.slice(i * 3, i * 3 + 3));
    for (const p of verts) expect(p[0]).toBe(1);
    expect(new Set(verts.map((p) => p.join(',')))).toEqual(new Set(['1,0,0', '1,0,1', '1,1,1', '1,1,0']));
  });

  it('every face: corners on the face plane, covering exactly the quad blocks, wound counter-clockwise from outside', () => {
    fc.assert(
      fc.property(quadArb, (q) => {
        const word0 = packQuadWord0(q.x, q.y, q.z, q.w, q.h, q.face);
        const c = quadCorners(word0, new Array(18).fill(0));
        const [n, u, v] = FACE_PAIR_AXES[q.face >> 1];
        const base = [q.x, q.y, q.z];
        const plane = base[n] + (q.face % 2 === 0 ? 1 : 0);
        const outward = FACE_DIRS[q.face];
        let area = 0;
        for (let t = 0; t < 2; t++) {
          const a = [c[t * 9], c[t * 9 + 1], c[t * 9 + 2]];
          const b = [c[t * 9 + 3], c[t * 9 + 4], c[t * 9 + 5]];
          const d = [c[t * 9 + 6], c[t * 9 + 7], c[t * 9 + 8]];
          for (const p of [a, b, d]) {
            if (p[n] !== plane) return false;
            // corners are on the quad rectangle's corners
            if (p[u] !== base[u] && p[u] !== base[u] + q.w) return false;
            if (p[v] !== base[v] && p[v] !== base[v] + q.h) return false;
          }
          const nrm = cross([b[0] - a[0], b[1] - a[1], b[2] - a[2]], [d[0] - a[0], d[1] - a[1], d[2] - a[2]]);
          const facing = nrm[0] * outward[0] + nrm[1] * outward[1] + nrm[2] * outward[2];
          if (!(facing > 0)) return false; // counter-clockwise seen from outside
          area += facing / 2;
        }
        // two triangles with no overlap covering the w x h rectangle: total area w*h and all four corners used
        if (area !== q.w * q.h) return false;
        const distinct = new Set<string>();
        for (let i = 0; i < 6; i++) distinct.add(`${c[i * 3]},${c[i * 3 + 1]},${c[i * 3 + 2]}`);
        return distinct.size === 4;
      }),
      { numRuns: 2000, seed: 42 },
    );
  });

  it('the quad covers the unit faces of blocks base + i*U + j*V (brute force over small quads)', () => {
    for (let face = 0; face < 6; face++) {
      const [n, u, v] = FACE_PAIR_AXES[face >> 1];
      const word0 = packQuadWord0(3, 4, 5, 3, 2, face);
      const c = quadCorners(word0);
      let minU = Infinity, maxU = -Infinity, minV = Infinity, maxV = -Infinity;
      for (let i = 0; i < 6; i++) {
        minU = Math.min(minU, c[i * 3 + u]);
        maxU = Math.max(maxU, c[i * 3 + u]);
        minV = Math.min(minV, c[i * 3 + v]);
        maxV = Math.max(maxV, c[i * 3 + v]);
      }
      const base = [3, 4, 5];
      // every block of the quad: its unit face lies inside the rectangle, and nothing else does
      for (let bu = 0; bu < 40; bu++) {
        for (let bv = 0; bv < 40; bv++) {
          const inside = bu >= minU && bu + 1 <= maxU && bv >= minV && bv + 1 <= maxV;
          const expected = bu >= base[u] && bu < base[u] + 3 && bv >= base[v] && bv < base[v] + 2;
          expect(inside).toBe(expected);
        }
      }
      const plane = c[n];
      expect(plane).toBe(base[n] + (face % 2 === 0 ? 1 : 0));
    }
  });

  it('quadVertex writes at an offset without touching the rest', () => {
    const out = new Float32Array(6).fill(-1);
    quadVertex(packQuadWord0(1, 2, 3, 1, 1, 3), 0, out, 3);
    expect(Array.from(out)).toEqual([-1, -1, -1, 1, 2, 3]);
  });
});
