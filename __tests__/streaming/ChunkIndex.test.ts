import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ChunkIndex, type IndexedChunk } from '@/utils/streaming/ChunkIndex';

interface Rec extends IndexedChunk {
  id: number;
}
const rec = (cx: number, cy: number, cz: number, id: number): Rec => ({ cx, cy, cz, slot: -1, denseIndex: -1, id });

describe('ChunkIndex (open addressing, tombstones, stamps)', () => {
  it('matches a Map model over random add / remove / get / stamp sequences, through rehashes', () => {
    const coord = fc.integer({ min: -40, max: 40 });
    const op = fc.oneof(
      fc.record({ k: fc.constant('add' as const), x: coord, y: coord, z: coord }),
      fc.record({ k: fc.constant('remove' as const), x: coord, y: coord, z: coord }),
      fc.record({ k: fc.constant('stamp' as const), x: coord, y: coord, z: coord, v: fc.integer({ min: 0, max: 1000 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 3000 }), (ops) => {
        const index = new ChunkIndex<Rec>();
        const model = new Map<string, { r: Rec; stamp: number }>();
        let id = 0;
        for (const o of ops) {
          const key = `${o.x},${o.y},${o.z}`;
          const m = model.get(key);
          if (o.k === 'add') {
            if (m) expect(() => index.add(rec(o.x, o.y, o.z, -1))).toThrow(/already indexed/);
            else {
              const r = rec(o.x, o.y, o.z, id++);
              index.add(r);
              model.set(key, { r, stamp: -1 });
            }
          } else if (o.k === 'remove') {
            if (m) {
              expect(index.remove(m.r)).toBe(true);
              expect(index.remove(m.r)).toBe(false);
              model.delete(key);
            }
          } else {
            expect(index.setStampAt(o.x, o.y, o.z, o.v)).toBe(!!m);
            if (m) m.stamp = o.v;
          }
        }
        expect(index.size).toBe(model.size);
        for (const { r, stamp } of model.values()) {
          expect(index.get(r.cx, r.cy, r.cz)).toBe(r);
          expect(index.stampOf(r)).toBe(stamp);
          expect(index.dense[r.denseIndex]).toBe(r);
        }
        for (let x = -3; x <= 3; x++) if (!model.has(`${x},99,0`)) expect(index.get(x, 99, 0)).toBeUndefined();
      }),
      { seed: 20261124, numRuns: 60 },
    );
  });

  it('keeps lookups exact far from the origin and after clear', () => {
    const index = new ChunkIndex<Rec>();
    const far = rec(312_500, -312_500, 312_499, 1);
    index.add(far);
    expect(index.get(312_500, -312_500, 312_499)).toBe(far);
    expect(index.get(312_500, -312_500, 312_500)).toBeUndefined();
    index.clear();
    expect(index.size).toBe(0);
    expect(far.slot).toBe(-1);
    expect(index.get(312_500, -312_500, 312_499)).toBeUndefined();
  });
});
