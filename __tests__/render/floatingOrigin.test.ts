import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { REBASE_DISTANCE, rebaseOrigin } from '@/utils/render/floatingOrigin';

describe('rebaseOrigin', () => {
  it('keeps the origin within the threshold, then snaps to the chunk corner under the player', () => {
    const o = { x: 0, y: 0, z: 0 };
    expect(rebaseOrigin(o, { x: REBASE_DISTANCE, y: 0, z: 0 })).toBe(false); // inclusive
    expect(rebaseOrigin(o, { x: 400, y: 300, z: 100 })).toBe(false); // |d| = 509.9
    expect(rebaseOrigin(o, { x: 500, y: 300, z: 100 })).toBe(true); // |d| = 591.6
    expect(o).toEqual({ x: 480, y: 288, z: 96 });
    expect(rebaseOrigin(o, { x: NaN, y: 0, z: 0 })).toBe(false);
    expect(rebaseOrigin(o, { x: -10_000_000.7, y: 64.2, z: 9_999_999.9 })).toBe(true);
    expect(o).toEqual({ x: -10_000_032, y: 64, z: 9_999_968 });
  });

  it('after any rebase the player is within one chunk diagonal of the origin, and offsets fit float32 exactly', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e7, max: 1e7, noNaN: true }),
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        fc.double({ min: -1e7, max: 1e7, noNaN: true }),
        (x, y, z) => {
          const o = { x: 0, y: 0, z: 0 };
          rebaseOrigin(o, { x, y, z });
          const d = Math.hypot(x - o.x, y - o.y, z - o.z);
          return d <= REBASE_DISTANCE && o.x % 32 === 0 && o.y % 32 === 0 && o.z % 32 === 0;
        },
      ),
      { seed: 7, numRuns: 500 },
    );
  });
});
