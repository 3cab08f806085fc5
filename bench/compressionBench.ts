/**
 * Compression benchmark: `npm run bench:compress [-- --seed N] [--count N] [--reps N] [--json FILE] [--levels]`
 *
 * Real terrain chunks (TerrainGenerator; the surface, cave and mountain chunks of the representative
 * sample of utils/world/sampleChunks.ts, `--count` of each; uniform chunks are not measured: they
 * encode to the 20-byte header alone) through three methods:
 *   codec   utils/compression/chunkCodec.ts: palette/run-length + fflate deflate, header, checksum
 *   fflate  fflate deflateSync on the raw voxel bytes at the codec's level (inflate into a reused buffer)
 *   none    the codec's uncompressed form: header + a copy of the raw bytes + checksum
 * For each: compression ratio (compressed bytes / 65,536 per chunk: aggregate, median and max over
 * chunks) and encode / decode speed: per chunk the median of `reps` timed calls, then the median over
 * chunks, as microseconds and as MB/s of raw voxels (MB = 2^20 bytes). Ratios against the baselines
 * are measured in the same run. `--levels` adds a sweep of the codec's deflate level.
 * Every method's output is decoded and compared with the original voxels before anything is timed.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync, inflateSync } from 'fflate';
import { CHUNK_VOLUME, CHUNK_VOXEL_BYTES } from '@/types/chunk';
import { CHUNK_STREAMING_TARGETS } from '@/config/streamingConfig';
import { DEFLATE_LEVEL, decodeChunk, encodeChunk } from '@/utils/compression/chunkCodec';
import { encodePaletteRle } from '@/utils/compression/paletteRle';
import { TerrainGenerator } from '@/utils/world/TerrainGenerator';
import { findRepresentativeChunks } from '@/utils/world/sampleChunks';
import { median } from './lib/stats';
import { checkTarget, fmt, formatTable, formatTarget } from './lib/table';

export interface CompressionBenchOptions {
  /** World seed (uint32). Default 1337 (the config default). */
  seed?: number;
  /** Representative chunks requested per kind (surface, cave, mountain; utils/world/sampleChunks.ts). Default 24. */
  count?: number;
  /** Timed calls per chunk per direction. Default 15. */
  reps?: number;
  /** Also sweep the codec's deflate level (1, 3, 6, 9). */
  levels?: boolean;
  /** Write the result object as JSON here. */
  json?: string;
  /** Output lines; default console.log. */
  log?: (line: string) => void;
}

export interface MethodResult {
  method: 'codec' | 'fflate' | 'none';
  /** Sum of compressed bytes / sum of raw bytes. */
  compressionRatio: number;
  compressionRatioP50: number;
  compressionRatioMax: number;
  meanBytes: number;
  encodeUsP50: number;
  decodeUsP50: number;
  /** Raw MB (2^20 bytes) per second at the median time. */
  encodeMBps: number;
  decodeMBps: number;
}

export interface LevelResult {
  level: number;
  meanBytes: number;
  compressionRatio: number;
  encodeUsP50: number;
}

export interface CompressionBenchResult {
  bench: 'compression';
  seed: number;
  requested: number;
  chunks: number;
  uniformSkipped: number;
  reps: number;
  deflateLevel: number;
  methods: MethodResult[];
  /** The codec's ratio (aggregate) and chunk count per kind of chunk. */
  codecByKind: Record<Kind, { chunks: number; compressionRatio: number }>;
  /** codec vs fflate-alone: size (codec / fflate; < 1 = smaller) and speed (codec MB/s / fflate MB/s). */
  vsFflate: { size: number; encodeSpeed: number; decodeSpeed: number };
  levels?: LevelResult[];
  target: { compressionRatio: number; met: boolean };
}

const MIB = 1024 * 1024;
const mbps = (us: number) => CHUNK_VOXEL_BYTES / MIB / (us / 1e6);

interface Method {
  name: MethodResult['method'];
  encode(v: Uint16Array): Uint8Array;
  /** Decodes into out (Uint16Array(32768)). */
  decode(bytes: Uint8Array, out: Uint16Array): void;
}

const inflateOut = new Uint8Array(CHUNK_VOXEL_BYTES + 1);

const METHODS: readonly Method[] = [
  {
    name: 'codec',
    encode: (v) => encodeChunk(v, true),
    decode: (b, out) => {
      decodeChunk(b, out);
    },
  },
  {
    name: 'fflate',
    encode: (v) => deflateSync(new Uint8Array(v.buffer, v.byteOffset, CHUNK_VOXEL_BYTES), { level: DEFLATE_LEVEL }),
    decode: (b, out) => {
      const r = inflateSync(b, { out: inflateOut });
      out.set(new Uint16Array(r.buffer, r.byteOffset, CHUNK_VOLUME));
    },
  },
  {
    name: 'none',
    encode: (v) => encodeChunk(v, false),
    decode: (b, out) => {
      decodeChunk(b, out);
    },
  },
];

/** Median over `reps` timed calls (after 2 warm-up calls), in microseconds. */
function timeUs(fn: () => void, reps: number): number {
  fn();
  fn();
  const s: number[] = new Array(reps);
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    s[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  return median(s);
}

function sameVoxels(a: Uint16Array, b: Uint16Array): boolean {
  for (let i = 0; i < CHUNK_VOLUME; i++) if (a[i] !== b[i]) return false;
  return true;
}

type Kind = 'surface' | 'cave' | 'mountain';
const KINDS: readonly Kind[] = ['surface', 'cave', 'mountain'];

interface SampleChunk {
  kind: Kind;
  voxels: Uint16Array;
}

/** The surface, cave and mountain chunks of the representative sample (up to `count` each), generated. */
function loadChunks(seed: number, count: number): { chunks: SampleChunk[]; uniformSkipped: number } {
  const gen = new TerrainGenerator(seed);
  const sample = findRepresentativeChunks(seed, count);
  const chunks: SampleChunk[] = [];
  let uniformSkipped = 0;
  for (const kind of KINDS) {
    for (const [cx, cy, cz] of sample[kind]) {
      const v = new Uint16Array(CHUNK_VOLUME);
      if (gen.generateChunk(cx, cy, cz, v) >= 0) uniformSkipped++;
      else chunks.push({ kind, voxels: v });
    }
  }
  return { chunks, uniformSkipped };
}

function measureMethod(m: Method, sample: readonly SampleChunk[], reps: number): MethodResult {
  const chunks = sample.map((c) => c.voxels);
  const out = new Uint16Array(CHUNK_VOLUME);
  const ratios: number[] = [];
  const enc: number[] = [];
  const dec: number[] = [];
  let total = 0;
  for (const v of chunks) {
    const bytes = m.encode(v);
    out.fill(0xffff);
    m.decode(bytes, out);
    if (!sameVoxels(v, out)) throw new Error(`compressionBench: ${m.name} did not round-trip a chunk`);
    total += bytes.length;
    ratios.push(bytes.length / CHUNK_VOXEL_BYTES);
    enc.push(timeUs(() => m.encode(v), reps));
    dec.push(timeUs(() => m.decode(bytes, out), reps));
  }
  const encodeUsP50 = median(enc);
  const decodeUsP50 = median(dec);
  return {
    method: m.name,
    compressionRatio: total / (chunks.length * CHUNK_VOXEL_BYTES),
    compressionRatioP50: median(ratios),
    compressionRatioMax: Math.max(...ratios),
    meanBytes: total / chunks.length,
    encodeUsP50,
    decodeUsP50,
    encodeMBps: mbps(encodeUsP50),
    decodeMBps: mbps(decodeUsP50),
  };
}

function measureLevels(sample: readonly SampleChunk[], reps: number): LevelResult[] {
  const chunks = sample.map((c) => c.voxels);
  const stream = new Uint8Array(CHUNK_VOXEL_BYTES + 8);
  const results: LevelResult[] = [];
  for (const level of [1, 3, 6, 9] as const) {
    let total = 0;
    const times: number[] = [];
    for (const v of chunks) {
      const n = encodePaletteRle(v, stream, CHUNK_VOXEL_BYTES);
      const input = n >= 0 ? stream.subarray(0, n) : new Uint8Array(v.buffer, v.byteOffset, CHUNK_VOXEL_BYTES);
      total += deflateSync(input, { level }).length;
      times.push(timeUs(() => deflateSync(input, { level }), reps));
    }
    results.push({ level, meanBytes: total / chunks.length, compressionRatio: total / (chunks.length * CHUNK_VOXEL_BYTES), encodeUsP50: median(times) });
  }
  return results;
}

export async function runCompressionBench(opts: CompressionBenchOptions = {}): Promise<CompressionBenchResult> {
  const seed = opts.seed ?? 1337;
  const count = opts.count ?? 24;
  const reps = opts.reps ?? 15;
  const log = opts.log ?? ((line: string) => console.log(line));
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`compressionBench: seed must be an integer in [0, 4294967295], got ${seed}`);
  if (!Number.isInteger(count) || count < 1 || count > 1000) throw new Error(`compressionBench: count must be an integer in [1, 1000], got ${count}`);
  if (!Number.isInteger(reps) || reps < 1 || reps > 1000) throw new Error(`compressionBench: reps must be an integer in [1, 1000], got ${reps}`);

  const { chunks, uniformSkipped } = loadChunks(seed, count);
  if (chunks.length === 0) throw new Error(`compressionBench: the ${count} representative chunks of seed ${seed} are all uniform`);
  const methods = METHODS.map((m) => measureMethod(m, chunks, reps));
  const [codec, fflate] = methods;
  const vsFflate = {
    size: codec.compressionRatio / fflate.compressionRatio,
    encodeSpeed: codec.encodeMBps / fflate.encodeMBps,
    decodeSpeed: codec.decodeMBps / fflate.decodeMBps,
  };
  const codecByKind = {} as CompressionBenchResult['codecByKind'];
  for (const kind of KINDS) {
    const of = chunks.filter((c) => c.kind === kind);
    let total = 0;
    for (const c of of) total += encodeChunk(c.voxels, true).length;
    codecByKind[kind] = { chunks: of.length, compressionRatio: of.length > 0 ? total / (of.length * CHUNK_VOXEL_BYTES) : NaN };
  }
  const levels = opts.levels ? measureLevels(chunks, reps) : undefined;
  const limit = CHUNK_STREAMING_TARGETS.MEMORY_MANAGEMENT.targetCompressionRatio;
  const target = checkTarget({ name: 'codec compressionRatio', value: codec.compressionRatio, limit, direction: 'lower', unit: 'of raw' });

  log(
    `compression: seed ${seed}, ${chunks.length} representative chunks (` +
      KINDS.map((k) => `${codecByKind[k].chunks} ${k}`).join(', ') +
      `; ${uniformSkipped} uniform skipped: they encode to the 20-byte header), ${reps} reps, deflate level ${DEFLATE_LEVEL}`,
  );
  log(
    formatTable(
      ['method', 'ratio', 'ratio p50', 'ratio max', 'bytes/chunk', 'enc us p50', 'enc MB/s', 'dec us p50', 'dec MB/s'],
      methods.map((r) => [
        r.method,
        fmt(r.compressionRatio, 4),
        fmt(r.compressionRatioP50, 4),
        fmt(r.compressionRatioMax, 4),
        fmt(r.meanBytes, 0),
        fmt(r.encodeUsP50, 1),
        fmt(r.encodeMBps, 0),
        fmt(r.decodeUsP50, 1),
        fmt(r.decodeMBps, 0),
      ]),
    ),
  );
  log(
    `codec vs fflate alone: ${fmt(vsFflate.size, 2)}x the size, ${fmt(vsFflate.encodeSpeed, 2)}x the encode speed, ${fmt(vsFflate.decodeSpeed, 2)}x the decode speed`,
  );
  log('codec ratio by kind: ' + KINDS.map((k) => `${k} ${fmt(codecByKind[k].compressionRatio, 4)}`).join(', '));
  if (levels) {
    log('codec deflate level sweep (palette/run-length stream):');
    log(formatTable(['level', 'ratio', 'bytes/chunk', 'deflate us p50'], levels.map((l) => [String(l.level), fmt(l.compressionRatio, 4), fmt(l.meanBytes, 0), fmt(l.encodeUsP50, 1)])));
  }
  log(formatTarget(target, 4));

  const result: CompressionBenchResult = {
    bench: 'compression',
    seed,
    requested: count,
    chunks: chunks.length,
    uniformSkipped,
    reps,
    deflateLevel: DEFLATE_LEVEL,
    methods,
    codecByKind,
    vsFflate,
    ...(levels ? { levels } : {}),
    target: { compressionRatio: limit, met: target.met },
  };
  if (opts.json) writeFileSync(opts.json, JSON.stringify(result, null, 2) + '\n');
  return result;
}

function intArg(name: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n)) throw new Error(`compressionBench: ${name} needs an integer, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`);
  return n;
}

/** Parses the CLI arguments; throws a one-line reason on a bad one. */
export function parseCompressionBenchArgs(argv: readonly string[]): CompressionBenchOptions {
  const o: CompressionBenchOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--seed') o.seed = intArg(a, argv[++i]);
    else if (a === '--count') o.count = intArg(a, argv[++i]);
    else if (a === '--reps') o.reps = intArg(a, argv[++i]);
    else if (a === '--levels') o.levels = true;
    else if (a === '--json') {
      const f = argv[++i];
      if (!f || f.startsWith('--')) throw new Error('compressionBench: --json needs a file name');
      o.json = f;
    } else throw new Error(`compressionBench: unknown argument ${JSON.stringify(a)} (expected --seed N, --count N, --reps N, --json FILE, --levels)`);
  }
  return o;
}

if (process.argv[1] && /compressionBench\.ts$/.test(process.argv[1])) {
  (async () => {
    try {
      await runCompressionBench(parseCompressionBenchArgs(process.argv.slice(2)));
    } catch (e) {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    }
  })();
}
