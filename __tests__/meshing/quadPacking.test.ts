import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  FACE_U_AXIS,
  FACE_V_AXIS,
  FACE_AXIS,
  packQuad,
  packWord0,
  packWord1,
  unpackQuad,
  type UnpackedQuad,
} from '@/utils/meshing/quadPacking';

const quadArb = fc.record({
  x: fc.integer({ min: 0, max: 31 }),
  y: fc.integer({ min: 0, max: 31 }),
  z: fc.integer({ min: 0, max: 31 }),
  w: fc.integer({ min: 1, max: 32 }),
  h: fc.integer({ min: 1, max: 32 }),
  face: fc.integer({ min: 0, max: 5 }),
  blockId: fc.integer({ min: 0, max: 65535 }),
  layer: fc.integer({ min: 0, max: 65535 }),
});

describe('quadPacking', () => {
  it('round-trips every field at its extremes', () => {
    const buf = new Uint32Array(4);
    for (const lo of [true, false]) {
      const q: UnpackedQuad = lo
        ? { x: 0, y: 0, z: 0, w: 1, h: 1, face: 0, blockId: 0, layer: 0 }
        : { x: 31, y: 31, z: 31, w: 32, h: 32, face: 5, blockId: 65535, layer: 65535 };
      packQuad(q, buf, 2);
      expect(unpackQuad(buf, 1)).toEqual(q);
    }
    // Each field alone at its maximum does not leak into its neighbours.
    const fields: (keyof UnpackedQuad)[] = ['x', 'y', 'z', 'w', 'h', 'face', 'blockId', 'layer'];
    const max: UnpackedQuad = { x: 31, y: 31, z: 31, w: 32, h: 32, face: 5, blockId: 65535, layer: 65535 };
    for (const f of fields) {
      const q: UnpackedQuad = { x: 0, y: 0, z: 0, w: 1, h: 1, face: 0, blockId: 0, layer: 0 };
      q[f] = max[f];
      packQuad(q, buf, 0);
      expect(unpackQuad(buf, 0)).toEqual(q);
    }
  });

  it('matches the documented bit layout', () => {
    expect(packWord0(31, 0, 0, 1, 1, 0)).toBe(31);
    expect(packWord0(0, 31, 0, 1, 1, 0)).toBe(31 << 5);
    expect(packWord0(0, 0, 31, 1, 1, 0)).toBe(31 << 10);
    expect(packWord0(0, 0, 0, 32, 1, 0)).toBe(31 << 15);
    expect(packWord0(0, 0, 0, 1, 32, 0)).toBe(31 << 20);
    expect(packWord0(0, 0, 0, 1, 1, 5)).toBe(5 << 25);
    expect(packWord1(65535, 65535)).toBe(0xffffffff);
    expect(packWord1(7, 3)).toBe(7 | (3 << 16));
  });

  it('round-trips random quads (fast-check, fixed seed)', () => {
    const buf = new Uint32Array(2);
    fc.assert(
      fc.property(quadArb, (q) => {
        packQuad(q, buf, 0);
        expect(unpackQuad(buf, 0)).toEqual(q);
      }),
      { seed: 1234, numRuns: 500 },
    );
  });

  it('rejects out-of-range fields naming the field and range', () => {
    const buf = new Uint32Array(2);
    const ok: UnpackedQuad = { x: 0, y: 0, z: 0, w: 1, h: 1, face: 0, blockId: 0, layer: 0 };
    expect(() => packQuad({ ...ok, x: 32 }, buf, 0)).toThrow('quadPacking: x must be an integer in 0..31, got 32');
    expect(() => packQuad({ ...ok, w: 0 }, buf, 0)).toThrow('quadPacking: w must be an integer in 1..32, got 0');
    expect(() => packQuad({ ...ok, h: 33 }, buf, 0)).toThrow('quadPacking: h must be an integer in 1..32, got 33');
    expect(() => packQuad({ ...ok, face: 6 }, buf, 0)).toThrow('quadPacking: face must be an integer in 0..5, got 6');
    expect(() => packQuad({ ...ok, blockId: 65536 }, buf, 0)).toThrow('blockId must be an integer in 0..65535');
    expect(() => packQuad(ok, buf, 1)).toThrow('quadPacking: offset must be an integer in 0..0, got 1');
  });

  it('uses the in-plane axes of ARCHITECTURE.md', () => {
    expect(FACE_AXIS).toEqual([0, 0, 1, 1, 2, 2]);
    expect(FACE_U_AXIS).toEqual([2, 2, 0, 0, 0, 0]); // x faces: z; y faces: x; z faces: x
    expect(FACE_V_AXIS).toEqual([1, 1, 2, 2, 1, 1]); // x faces: y; y faces: z; z faces: y
  });
});
