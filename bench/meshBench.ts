/**
 * `npm run bench:mesh [-- --seed N --chunks N --reps N --json FILE]`
 *
 * Meshing benchmark on real generated terrain: for each kind of chunk (surface, cave, mountain, uniform; from
 * findRepresentativeChunks) the binary greedy mesher and its two baselines (naive culled, classic greedy) run in
 * the same process on the same chunks and borders. After a warm-up pass over all chunks, `reps` interleaved
 * rounds time each chunk once per mesher (the baselines in a third of the rounds); per kind the table shows the
 * median over chunks of the per-chunk medians: us per chunk, quads per chunk, bytes per chunk (8 per quad), speed vs classic (classic us / binary us) and
 * quads vs naive (total binary quads / total naive quads over the kind). Generation: median us of
 * TerrainGenerator.generateChunk per chunk (and of uniformId for the uniform kind).
 * The aggregate `npm run bench` imports runMeshBench; the CLI below is a thin wrapper.
 */
import { writeFileSync } from 'node:fs';
import { TerrainGenerator } from '../utils/world/TerrainGenerator';
import { findRepresentativeChunks, type RepresentativeChunks } from '../utils/world/sampleChunks';
import {
  createMeshOutput,
  createMesherScratch,
  meshChunkWithBorders,
  type MeshOutput,
} from '../utils/meshing/BinaryGreedyMesher';
import { meshClassicGreedyWithBorders } from '../utils/meshing/baselines/ClassicGreedyMesher';
import { meshNaiveWithBorders } from '../utils/meshing/baselines/NaiveCulledMesher';
import { createBaselineScratch } from '../utils/meshing/baselines/baselineCommon';
import { QUAD_BYTES } from '../utils/meshing/quadPacking';
import { median, timeMedianUs } from './lib/stats';
import { checkTarget, fmt, formatTable, formatTarget, type TargetResult } from './lib/table';

export const MESH_KINDS = ['surface', 'cave', 'mountain', 'uniform'] as const;
export type MeshKind = (typeof MESH_KINDS)[number];
export const MESHER_NAMES = ['binary', 'classic', 'naive'] as const;
export type MesherName = (typeof MESHER_NAMES)[number];

export interface MeshBenchOptions {
  /** World seed (uint32). Default 1337. */
  seed?: number;
  /** Chunks per kind, 1..1000. Default 12. */
  chunks?: number;
  /** Timed rounds; each times every chunk once with the binary mesher, a third of them (at least 3) with the
   *  baselines too. 1..10000. Default 30. */
  reps?: number;
  /** Where progress and the table go; default console.log. Pass () => {} to silence. */
  log?: (line: string) => void;
  /** Also write the result as JSON to this file. */
  json?: string;
}

export interface MesherFigures {
  /** Median over chunks of the per-chunk median time, microseconds. */
  usPerChunk: number;
  /** Median over chunks of the quad count. */
  quadsPerChunk: number;
  /** quadsPerChunk * 8. */
  bytesPerChunk: number;
  totalQuads: number;
}

export interface MeshKindResult {
  kind: MeshKind;
  chunks: number;
  /** How many of the chunks were a single block id (meshed from the id by the binary mesher). */
  uniformChunks: number;
  meshers: Record<MesherName, MesherFigures>;
  /** classic usPerChunk / binary usPerChunk. */
  speedVsClassic: number;
  /** binary totalQuads / naive totalQuads (NaN when naive has none). */
  quadsVsNaive: number;
  /** Median us of TerrainGenerator.generateChunk per chunk. */
  generateUs: number;
  /** Median us of TerrainGenerator.uniformId per chunk. */
  uniformIdUs: number;
}

export interface MeshBenchResult {
  seed: number;
  chunksPerKind: number;
  reps: number;
  kinds: Partial<Record<MeshKind, MeshKindResult>>;
  targets: TargetResult[];
  allTargetsMet: boolean;
}

function intOption(name: string, v: number | undefined, def: number, min: number, max: number): number {
  const x = v ?? def;
  if (!Number.isInteger(x) || x < min || x > max) {
    throw new RangeError(`meshBench: ${name} must be an integer in ${min}..${max}, got ${v}`);
  }
  return x;
}

interface BenchChunk {
  coord: readonly [number, number, number];
  /** Voxels (always filled, also for uniform chunks, for the baselines). */
  voxels: Uint16Array;
  /** -1, or the single id the chunk is made of (what the binary mesher is given, as the worker would). */
  uniform: number;
  borders: Uint16Array;
}

function loadChunk(gen: TerrainGenerator, coord: readonly [number, number, number]): BenchChunk {
  const [cx, cy, cz] = coord;
  const voxels = new Uint16Array(32768);
  const uniform = gen.generateChunk(cx, cy, cz, voxels);
  if (uniform >= 0) voxels.fill(uniform);
  const borders = new Uint16Array(6 * 1024);
  for (let f = 0; f < 6; f++) {
    const u = gen.generateBorder(cx, cy, cz, f, borders, f * 1024);
    if (u >= 0) borders.fill(u, f * 1024, (f + 1) * 1024);
  }
  return { coord, voxels, uniform, borders };
}

export async function runMeshBench(opts: MeshBenchOptions = {}): Promise<MeshBenchResult> {
  const seed = intOption('seed', opts.seed, 1337, 0, 0xffffffff);
  const chunksPerKind = intOption('chunks', opts.chunks, 12, 1, 1000);
  const reps = intOption('reps', opts.reps, 30, 1, 10000);
  const baselineReps = Math.min(reps, Math.max(3, Math.ceil(reps / 3)));
  const log = opts.log ?? ((line: string) => console.log(line));

  const gen = new TerrainGenerator(seed);
  const t0 = performance.now();
  const coords: RepresentativeChunks = findRepresentativeChunks(seed, chunksPerKind);
  log(`meshBench: seed ${seed}, ${chunksPerKind} chunks per kind, ${reps} reps (baselines ${baselineReps}); ` +
    `chunks found in ${fmt(performance.now() - t0, 0)} ms`);

  const out: MeshOutput = createMeshOutput(16384);
  const scratch = createMesherScratch();
  const baseScratch = createBaselineScratch();
  const meshers: Record<MesherName, (c: BenchChunk) => number> = {
    binary: (c) => meshChunkWithBorders(c.uniform >= 0 ? c.uniform : c.voxels, c.borders, out, scratch).quadCount,
    classic: (c) => meshClassicGreedyWithBorders(c.voxels, c.borders, out, baseScratch).quadCount,
    naive: (c) => meshNaiveWithBorders(c.voxels, c.borders, out, baseScratch).quadCount,
  };

  const loaded: Partial<Record<MeshKind, BenchChunk[]>> = {};
  for (const kind of MESH_KINDS) loaded[kind] = coords[kind].map((c) => loadChunk(gen, c));

  // Warm-up: every mesher over every chunk, a few times, so all run optimized code.
  for (let i = 0; i < 3; i++) {
    for (const kind of MESH_KINDS) for (const c of loaded[kind]!) for (const m of MESHER_NAMES) meshers[m](c);
  }

  const kinds: Partial<Record<MeshKind, MeshKindResult>> = {};
  for (const kind of MESH_KINDS) {
    const chunks = loaded[kind]!;
    if (chunks.length === 0) {
      log(`meshBench: no ${kind} chunks found for seed ${seed}; kind skipped`);
      continue;
    }
    // Interleaved: each round times every chunk with every mesher once (baselines in a third of the rounds), so load
    // from other processes spreads over all meshers alike instead of landing on one block of repetitions.
    const samples = {} as Record<MesherName, number[][]>;
    for (const m of MESHER_NAMES) samples[m] = chunks.map(() => []);
    for (let round = 0; round < reps; round++) {
      // exactly baselineReps of the rounds, evenly spread
      const baselines = Math.floor(((round + 1) * baselineReps) / reps) !== Math.floor((round * baselineReps) / reps);
      for (let c = 0; c < chunks.length; c++) {
        for (const m of MESHER_NAMES) {
          if (m !== 'binary' && !baselines) continue;
          const fn = meshers[m];
          const chunk = chunks[c];
          const t = process.hrtime.bigint();
          fn(chunk);
          samples[m][c].push(Number(process.hrtime.bigint() - t) / 1000);
        }
      }
    }
    const figures = {} as Record<MesherName, MesherFigures>;
    for (const m of MESHER_NAMES) {
      const quads = chunks.map((c) => meshers[m](c));
      const total = quads.reduce((a, b) => a + b, 0);
      const qMed = median(quads);
      figures[m] = {
        usPerChunk: median(samples[m].map((v) => median(v))),
        quadsPerChunk: qMed,
        bytesPerChunk: qMed * QUAD_BYTES,
        totalQuads: total,
      };
    }
    const genVox = new Uint16Array(32768);
    const genReps = Math.max(3, Math.ceil(reps / 6));
    const generateUs = median(
      chunks.map((c) => timeMedianUs(() => gen.generateChunk(c.coord[0], c.coord[1], c.coord[2], genVox), genReps, 1)),
    );
    const uniformIdUs = median(
      chunks.map((c) => timeMedianUs(() => gen.uniformId(c.coord[0], c.coord[1], c.coord[2]), reps, 2)),
    );
    kinds[kind] = {
      kind,
      chunks: chunks.length,
      uniformChunks: chunks.filter((c) => c.uniform >= 0).length,
      meshers: figures,
      speedVsClassic: figures.classic.usPerChunk / figures.binary.usPerChunk,
      quadsVsNaive: figures.naive.totalQuads > 0 ? figures.binary.totalQuads / figures.naive.totalQuads : NaN,
      generateUs,
      uniformIdUs,
    };
  }

  const targets: TargetResult[] = [];
  const surface = kinds.surface;
  if (surface) {
    targets.push(
      checkTarget({ name: 'binary mesh, surface median', value: surface.meshers.binary.usPerChunk, limit: 150, direction: 'lower', unit: 'us' }),
    );
  }
  for (const kind of ['surface', 'cave', 'mountain'] as const) {
    const k = kinds[kind];
    if (!k) continue;
    targets.push(checkTarget({ name: `speed vs classic greedy, ${kind}`, value: k.speedVsClassic, limit: 5, direction: 'higher', unit: 'x' }));
    targets.push(checkTarget({ name: `quads vs naive, ${kind}`, value: k.quadsVsNaive, limit: 0.5, direction: 'lower', unit: 'x' }));
  }
  if (surface) {
    targets.push(checkTarget({ name: 'generation, surface median', value: surface.generateUs / 1000, limit: 1, direction: 'lower', unit: 'ms' }));
  }
  if (kinds.uniform) {
    targets.push(checkTarget({ name: 'uniformId, uniform median', value: kinds.uniform.uniformIdUs, limit: 20, direction: 'lower', unit: 'us' }));
  }

  const result: MeshBenchResult = {
    seed,
    chunksPerKind,
    reps,
    kinds,
    targets,
    allTargetsMet: targets.every((t) => t.met),
  };
  log('');
  log(formatMeshBench(result));
  if (opts.json) {
    writeFileSync(opts.json, JSON.stringify(result, null, 2) + '\n');
    log(`meshBench: wrote ${opts.json}`);
  }
  return result;
}

/** The table and the target lines of a result. */
export function formatMeshBench(r: MeshBenchResult): string {
  const rows: (string | number)[][] = [];
  for (const kind of MESH_KINDS) {
    const k = r.kinds[kind];
    if (!k) continue;
    for (const m of MESHER_NAMES) {
      const f = k.meshers[m];
      rows.push([
        m === 'binary' ? `${kind} (${k.chunks}${k.uniformChunks ? `, ${k.uniformChunks} uniform` : ''})` : '',
        m,
        f.usPerChunk,
        fmt(f.quadsPerChunk, 0),
        fmt(f.bytesPerChunk, 0),
        m === 'binary' ? `${fmt(k.speedVsClassic, 1)}x` : m === 'classic' ? '1.0x' : `${fmt(f.usPerChunk ? k.meshers.classic.usPerChunk / f.usPerChunk : NaN, 1)}x`,
        fmt(k.meshers.naive.totalQuads ? f.totalQuads / k.meshers.naive.totalQuads : NaN, 3),
        m === 'binary' ? fmt(k.generateUs, 0) : '',
        m === 'binary' ? fmt(k.uniformIdUs, 1) : '',
      ]);
    }
  }
  const table = formatTable(
    ['kind (chunks)', 'mesher', 'us/chunk', 'quads/chunk', 'bytes/chunk', 'speed vs classic', 'quads vs naive', 'generate us', 'uniformId us'],
    rows,
  );
  const lines = [table, '', 'targets:', ...r.targets.map((t) => '  ' + formatTarget(t, t.unit === 'x' ? 2 : 1))];
  lines.push(`${r.allTargetsMet ? 'all targets met' : 'some targets MISSED'}`);
  return lines.join('\n');
}

function parseArgs(argv: readonly string[]): MeshBenchOptions {
  const opts: MeshBenchOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`meshBench: ${a} needs a value`);
      return v;
    };
    const int = () => {
      const v = value();
      const n = Number(v);
      if (!/^\d+$/.test(v)) throw new Error(`meshBench: ${a} must be a non-negative integer, got "${v}"`);
      return n;
    };
    switch (a) {
      case '--json':
        opts.json = value();
        break;
      case '--seed':
        opts.seed = int();
        break;
      case '--chunks':
        opts.chunks = int();
        break;
      case '--reps':
        opts.reps = int();
        break;
      default:
        throw new Error(`meshBench: unknown argument "${a}" (allowed: --seed N, --chunks N, --reps N, --json FILE)`);
    }
  }
  return opts;
}

async function main(): Promise<void> {
  await runMeshBench(parseArgs(process.argv.slice(2)));
}

if (/meshBench\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  });
}
