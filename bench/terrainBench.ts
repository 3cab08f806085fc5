/**
 * Terrain generation benchmark: `npx tsx bench/terrainBench.ts [--seed N] [--chunks N] [--reps N]`
 *
 * On the representative chunks of utils/world/sampleChunks.ts (surface, cave, mountain, uniform; `--chunks` of
 * each, default 24) it times, in the same run and on one generator instance:
 *   chunk      generateChunk
 *   old c+b    generateChunk + 6 x generateBorder (what the worker did before generateChunkWithBorders)
 *   new c+b    generateChunkWithBorders
 *   old b      6 x generateBorder (decompress-with-mesh's borders before generateBorders)
 *   new b      generateBorders
 * Every chunk's new results are checked against the old ones before anything is timed. After a warm-up
 * pass, `--reps` interleaved rounds (default 25) time each chunk once per method; per kind the table shows
 * the median over chunks of the per-chunk medians (us) and the ratios new c+b / chunk, old c+b / chunk,
 * old c+b / new c+b and old b / new b. Runs from an esbuild bundle (bench/lib/bundledMain.ts) so module
 * bindings are direct, as in the workers.
 */
import { TerrainGenerator } from '../utils/world/TerrainGenerator';
import { findRepresentativeChunks } from '../utils/world/sampleChunks';
import { startBenchCli } from './lib/bundledMain';
import { median } from './lib/stats';
import { fmt, formatTable } from './lib/table';

const KINDS = ['surface', 'cave', 'mountain', 'uniform'] as const;
const METHODS = ['chunk', 'old c+b', 'new c+b', 'old b', 'new b'] as const;

interface Options {
  seed: number;
  chunks: number;
  reps: number;
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { seed: 1337, chunks: 24, reps: 25 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = Number(argv[++i]);
    const check = (lo: number, hi: number): number => {
      if (!Number.isInteger(v) || v < lo || v > hi) throw new Error(`terrainBench: ${a} must be an integer in [${lo}, ${hi}], got ${argv[i]}`);
      return v;
    };
    if (a === '--seed') o.seed = check(0, 0xffffffff);
    else if (a === '--chunks') o.chunks = check(1, 1000);
    else if (a === '--reps') o.reps = check(1, 10000);
    else throw new Error(`terrainBench: unknown argument "${a}" (allowed: --seed N, --chunks N, --reps N)`);
  }
  return o;
}

export async function main(argv: readonly string[]): Promise<number> {
  const o = parseArgs(argv);
  const gen = new TerrainGenerator(o.seed);
  const reps = findRepresentativeChunks(o.seed, o.chunks);
  const out = new Uint16Array(32768);
  const out2 = new Uint16Array(32768);
  const borders = new Uint16Array(6 * 1024);
  const borders2 = new Uint16Array(6 * 1024);
  const bu = new Int32Array(6);
  const bu2 = new Int32Array(6);

  const runOld = (cx: number, cy: number, cz: number, withChunk: boolean): number => {
    const u = withChunk ? gen.generateChunk(cx, cy, cz, out) : 0;
    for (let f = 0; f < 6; f++) bu[f] = gen.generateBorder(cx, cy, cz, f, borders, f * 1024);
    return u;
  };
  const fns: ((cx: number, cy: number, cz: number) => void)[] = [
    (cx, cy, cz) => gen.generateChunk(cx, cy, cz, out),
    (cx, cy, cz) => runOld(cx, cy, cz, true),
    (cx, cy, cz) => gen.generateChunkWithBorders(cx, cy, cz, out2, borders2, bu2),
    (cx, cy, cz) => runOld(cx, cy, cz, false),
    (cx, cy, cz) => gen.generateBorders(cx, cy, cz, borders2, bu2),
  ];

  // Identity first: a fast wrong answer is no result.
  for (const kind of KINDS) {
    for (const [cx, cy, cz] of reps[kind]) {
      const u = runOld(cx, cy, cz, true);
      const u2 = gen.generateChunkWithBorders(cx, cy, cz, out2, borders2, bu2);
      let same = u === u2 && (u >= 0 || out.every((v, i) => v === out2[i]));
      for (let f = 0; f < 6 && same; f++) {
        same = bu[f] === bu2[f] && (bu[f] >= 0 || borders.subarray(f * 1024, f * 1024 + 1024).every((v, i) => v === borders2[f * 1024 + i]));
      }
      if (!same) throw new Error(`terrainBench: generateChunkWithBorders differs from the separate calls at chunk ${cx},${cy},${cz}`);
    }
  }

  const samples = KINDS.map((k) => reps[k].map(() => METHODS.map(() => [] as number[])));
  for (let round = -1; round < o.reps; round++) {
    KINDS.forEach((kind, ki) => {
      reps[kind].forEach(([cx, cy, cz], ci) => {
        for (let m = 0; m < fns.length; m++) {
          const t0 = process.hrtime.bigint();
          fns[m](cx, cy, cz);
          const us = Number(process.hrtime.bigint() - t0) / 1000;
          if (round >= 0) samples[ki][ci][m].push(us);
        }
      });
    });
  }

  const rows = KINDS.map((kind, ki) => {
    const us = METHODS.map((_, m) => median(samples[ki].map((c) => median(c[m]))));
    const [chunk, oldCB, newCB, oldB, newB] = us;
    const ratio = (a: number, b: number): string => (b > 0 ? `${fmt(a / b, 2)}x` : '-');
    return [kind, String(reps[kind].length), ...us.map((v) => fmt(v, 1)), ratio(newCB, chunk), ratio(oldCB, chunk), ratio(oldCB, newCB), ratio(oldB, newB)];
  });
  console.log(`terrainBench: seed ${o.seed}, ${o.reps} rounds; us per call, median over chunks of per-chunk medians`);
  console.log(
    formatTable(['kind', 'n', 'chunk', 'old c+b', 'new c+b', 'old b', 'new b', 'new c+b/chunk', 'old c+b/chunk', 'c+b speedup', 'b speedup'], rows),
  );
  return 0;
}

declare const __BENCH_BUNDLED__: boolean | undefined;
if (typeof __BENCH_BUNDLED__ === 'undefined' && process.argv[1] && /terrainBench\.ts$/.test(process.argv[1])) {
  startBenchCli(__filename, main, 'terrainBench');
}
