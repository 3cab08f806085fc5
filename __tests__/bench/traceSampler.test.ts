import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateTrace } from '@/bench/stream/trace';
import { angleDelta, createTraceSample, sampleTrace, viewFromYawPitch } from '@/bench/stream/traceSampler';

const v = () => ({ x: NaN, y: NaN, z: NaN });
const close = (a: { x: number; y: number; z: number }, b: [number, number, number], eps = 1e-12) => {
  expect(a.x).toBeCloseTo(b[0], 12);
  expect(a.y).toBeCloseTo(b[1], 12);
  expect(a.z).toBeCloseTo(b[2], 12);
  void eps;
};

describe('view direction from yaw / pitch (spec convention)', () => {
  it('yaw 0 looks toward -z', () => close(viewFromYawPitch(0, 0, v()), [0, 0, -1]));
  it('yaw +pi/2 looks toward -x', () => close(viewFromYawPitch(Math.PI / 2, 0, v()), [-1, 0, 0]));
  it('yaw -pi/2 looks toward +x, yaw pi toward +z', () => {
    close(viewFromYawPitch(-Math.PI / 2, 0, v()), [1, 0, 0]);
    close(viewFromYawPitch(Math.PI, 0, v()), [0, 0, 1]);
  });
  it('pitch +pi/2 looks up, -pi/2 down', () => {
    close(viewFromYawPitch(0.7, Math.PI / 2, v()), [0, 1, 0]);
    close(viewFromYawPitch(0.7, -Math.PI / 2, v()), [0, -1, 0]);
  });
  it('is a unit vector', () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: -1.5, max: 1.5, noNaN: true }), (yaw, pitch) => {
        const d = viewFromYawPitch(yaw, pitch, v());
        expect(Math.hypot(d.x, d.y, d.z)).toBeCloseTo(1, 12);
      }),
    );
  });
});

describe('angleDelta', () => {
  it('takes the shorter arc', () => {
    expect(angleDelta(3.1, -3.1)).toBeCloseTo(2 * Math.PI - 6.2, 12);
    expect(angleDelta(-3.1, 3.1)).toBeCloseTo(-(2 * Math.PI - 6.2), 12);
    expect(angleDelta(0, 1)).toBeCloseTo(1, 12);
    expect(angleDelta(0, Math.PI)).toBeCloseTo(Math.PI, 12);
  });
});

describe('sampleTrace', () => {
  const trace = validateTrace(
    {
      dt: 0.5,
      positions: [
        [0, 100, 0],
        [10, 100, 0],
        [10, 110, -20],
      ],
      look: [
        [3.1, 0],
        [-3.1, 0.2],
        [-3.1, 0.2],
      ],
    },
    'mem',
  );
  const s = createTraceSample();

  it('hits the samples exactly at their times', () => {
    sampleTrace(trace, 0, s);
    close(s.position, [0, 100, 0]);
    sampleTrace(trace, 0.5, s);
    close(s.position, [10, 100, 0]);
    sampleTrace(trace, 1, s);
    close(s.position, [10, 110, -20]);
  });

  it('interpolates positions linearly and differences velocity per segment', () => {
    sampleTrace(trace, 0.25, s);
    close(s.position, [5, 100, 0]);
    close(s.velocity, [20, 0, 0]);
    sampleTrace(trace, 0.875, s);
    close(s.position, [10, 107.5, -15]);
    close(s.velocity, [0, 20, -40]);
  });

  it('clamps time to the trace span (velocity of the end segments)', () => {
    sampleTrace(trace, -3, s);
    close(s.position, [0, 100, 0]);
    close(s.velocity, [20, 0, 0]);
    sampleTrace(trace, 99, s);
    close(s.position, [10, 110, -20]);
    close(s.velocity, [0, 20, -40]);
  });

  it('interpolates yaw along the shorter arc (through pi, not through 0)', () => {
    sampleTrace(trace, 0.25, s);
    // yaw midway between 3.1 and -3.1 the short way is pi: looking toward +z; pitch 0.1.
    const expected = viewFromYawPitch(Math.PI, 0.1, v());
    close(s.view, [expected.x, expected.y, expected.z]);
    expect(s.view.z).toBeGreaterThan(0.99);
  });

  it('without a look the view is -z', () => {
    const t = validateTrace({ dt: 1, positions: [[0, 0, 0], [1, 0, 0]] }, 'mem');
    sampleTrace(t, 0.5, s);
    close(s.view, [0, 0, -1]);
  });

  it('matches a brute-force interpolation on random traces', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 })), {
          minLength: 2,
          maxLength: 20,
        }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (pts, u) => {
          const dt = 1 / 60;
          const t = validateTrace({ dt, positions: pts }, 'mem');
          const time = u * (pts.length - 1) * dt;
          sampleTrace(t, time, s);
          const i = Math.min(pts.length - 2, Math.floor(time / dt));
          const f = time / dt - i;
          for (let a = 0; a < 3; a++) {
            const k = (['x', 'y', 'z'] as const)[a];
            expect(s.position[k]).toBeCloseTo(pts[i][a] + (pts[i + 1][a] - pts[i][a]) * f, 6);
            expect(s.velocity[k]).toBeCloseTo((pts[i + 1][a] - pts[i][a]) / dt, 6);
          }
        },
      ),
    );
  });
});
