import { describe, expect, it } from 'vitest';
import { VisitedChunks } from '@/utils/streaming/VisitedChunks';

describe('VisitedChunks (constant-memory set of chunks loaded earlier)', () => {
  it('never forgets a chunk it was given, and counts distinct chunks', () => {
    const v = new VisitedChunks();
    const added: [number, number, number][] = [];
    let s = 12345;
    const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) | 0) >>> 8) % 600_000 - 300_000;
    for (let i = 0; i < 20_000; i++) {
      const c: [number, number, number] = [rnd(), (rnd() % 64) | 0, rnd()];
      v.add(...c);
      added.push(c);
    }
    for (const c of added) expect(v.has(...c)).toBe(true);
    const before = v.size;
    v.add(...added[0]);
    expect(v.size).toBe(before);
  });

  it('answers "not visited" for unseen chunks except at the documented false-positive rate', () => {
    const v = new VisitedChunks();
    // 150,000 distinct chunks along a long flight (a tube 5 chunks wide and high)
    let n = 0;
    for (let x = 0; n < 150_000; x++) for (let y = 0; y < 5; y++) for (let z = 0; z < 5; z++, n++) v.add(x, y, z);
    let falsePositives = 0;
    const probes = 200_000;
    for (let i = 0; i < probes; i++) if (v.has(-1 - i, 7, -9)) falsePositives++;
    expect(falsePositives / probes).toBeLessThan(0.001); // documented ~0.03%
    // the chunks right beside the tube, what a flight actually asks about next
    let nearFalse = 0;
    let nearProbes = 0;
    for (let x = 0; x < 6000; x++) {
      for (const [y, z] of [[5, 0], [-1, 2], [2, 5], [3, -1]]) {
        nearProbes++;
        if (v.has(x, y, z)) nearFalse++;
      }
    }
    expect(nearFalse / nearProbes).toBeLessThan(0.001);
  });
});
