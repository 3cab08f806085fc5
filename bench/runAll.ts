/**
 * `npm run bench [-- --traces DIR] [--out DIR]`: every benchmark in one go, one at a time (2-core machine):
 * (`npm run bench -- --render FILE.json [--out DIR]` only rewrites latest.md, and the targets in latest.json,
 * from a previous run's JSON: for changes to the report's form without re-measuring.)
 *  1. the meshing benchmark (bench/meshBench.ts, in this process);
 *  2. the compression benchmark on real terrain chunks (bench/compressionBench.ts, in this process);
 *  3. bench:stream over every trace in ../shared/traces with 1 worker thread, twice per trace:
 *     adaptive + predictive loading (the product), then proximity without prediction (nearest-first:
 *     the baseline); each run in its own child process (`tsx bench/streamBench.ts`), so runs do not
 *     share JIT state, heap or leftover threads, and never overlap.
 * Writes <out>/latest.json (everything) and <out>/latest.md (machine, figures, baseline and ratio, the
 * issue's targets met / missed with margin). Takes about 10 minutes: the traces are replayed in real time.
 * Exit code 0 when everything ran (targets missed included), 1 when a part failed, 2 for a bad argument.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCompressionBench, type CompressionBenchResult } from './compressionBench';
import { runMeshBench, type MeshBenchResult } from './meshBench';
import { ARG_ERROR_EXIT_CODE, ArgError, DEFAULT_BENCH_THREADS } from './stream/args';
import { type RunFailure, type RunOutcome, type TracePair, evaluateIssueTargets, isFailure } from './stream/issueTargets';
import { commitInfo, machineInfo } from './stream/machine';
import { formatLatestMarkdown, type LatestSummary } from './stream/markdown';
import { missingSpecFields, type StreamBenchReport } from './stream/report';

/** Stress runs: these traces again with loadDistance STRESS_LOAD_DISTANCE blocks (required radius 100). */
const STRESS_TRACES = ['linear-fast-100', 'curved-60'];
const STRESS_LOAD_DISTANCE = 128;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface RunAllArgs {
  traces: string;
  out: string;
  /** A previous latest.json to re-render instead of running anything; null = run. */
  render: string | null;
}

export function parseRunAllArgs(argv: readonly string[]): RunAllArgs {
  const args: RunAllArgs = { traces: path.resolve(ROOT, '../shared/traces'), out: path.join(ROOT, 'bench/results'), render: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a !== '--traces' && a !== '--out' && a !== '--render') {
      throw new ArgError(`bench: unknown option ${JSON.stringify(a)} (allowed: --traces DIR, --out DIR, --render FILE.json)`);
    }
    const v = argv[++i];
    if (v === undefined || v.startsWith('--')) throw new ArgError(`bench: ${a} needs a ${a === '--render' ? 'file' : 'directory'}`);
    if (a === '--traces') args.traces = path.resolve(v);
    else if (a === '--out') args.out = path.resolve(v);
    else args.render = path.resolve(v);
  }
  return args;
}

function errorLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

/** Runs bench:stream in a child process; resolves with its JSON report or the reason it failed. */
function runStreamChild(
  trace: string,
  strategy: 'adaptive' | 'proximity',
  predict: boolean,
  jsonOut: string,
  loadDistance: number | null = null,
): Promise<RunOutcome> {
  const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
  const args = ['bench/streamBench.ts', '--trace', trace, '--json', jsonOut, '--threads', String(DEFAULT_BENCH_THREADS), '--strategy', strategy];
  if (!predict) args.push('--no-predict');
  if (loadDistance !== null) args.push('--load-distance', String(loadDistance));
  return new Promise((resolve) => {
    const child = spawn(tsx, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      process.stderr.write(d);
      stderr += d.toString();
      if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
    });
    child.on('error', (e) => resolve({ error: `cannot start ${tsx}: ${errorLine(e)}` }));
    child.on('close', (code, signal) => {
      if (code !== 0) {
        const last = stderr.trim().split('\n').filter((l) => l.trim() && !l.startsWith('npm warn')).pop() ?? '';
        resolve({ error: `bench:stream exited with ${signal ?? `code ${code}`}${last ? `: ${last}` : ''}` });
        return;
      }
      try {
        const report = JSON.parse(readFileSync(jsonOut, 'utf8')) as StreamBenchReport;
        const missing = missingSpecFields(report as unknown as Record<string, unknown>);
        resolve(missing.length ? { error: `report ${jsonOut} lacks ${missing.join(', ')}` } : report);
      } catch (e) {
        resolve({ error: `cannot read the report ${jsonOut}: ${errorLine(e)}` });
      }
    });
  });
}

export async function runAll(args: RunAllArgs, log: (line: string) => void = (l) => console.log(l)): Promise<LatestSummary> {
  let traceFiles: string[];
  try {
    traceFiles = readdirSync(args.traces)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => path.join(args.traces, f));
  } catch (e) {
    throw new ArgError(`bench: cannot read the traces directory ${args.traces} (${errorLine(e)})`);
  }
  if (traceFiles.length === 0) throw new ArgError(`bench: no .json traces in ${args.traces}`);
  const durations: Record<string, number> = {};
  const t0 = performance.now();

  log('== meshing benchmark ==');
  let mesh: MeshBenchResult | RunFailure;
  let t = performance.now();
  try {
    mesh = await runMeshBench({ log });
  } catch (e) {
    mesh = { error: errorLine(e) };
    log(`meshing benchmark failed: ${mesh.error}`);
  }
  durations.mesh = (performance.now() - t) / 1000;

  log('\n== compression benchmark ==');
  let compression: CompressionBenchResult | RunFailure;
  t = performance.now();
  try {
    compression = await runCompressionBench({ log });
  } catch (e) {
    compression = { error: errorLine(e) };
    log(`compression benchmark failed: ${compression.error}`);
  }
  durations.compression = (performance.now() - t) / 1000;

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-stream-'));
  const streaming: TracePair[] = [];
  t = performance.now();
  try {
    for (const file of traceFiles) {
      const name = path.basename(file, '.json');
      log(`\n== streaming: ${name}, adaptive + prediction ==`);
      const predictive = await runStreamChild(file, 'adaptive', true, path.join(tmp, `${name}-adaptive.json`));
      log(`\n== streaming: ${name}, proximity, no prediction (baseline) ==`);
      const proximity = await runStreamChild(file, 'proximity', false, path.join(tmp, `${name}-proximity.json`));
      const trace = !isFailure(predictive) ? predictive.trace : !isFailure(proximity) ? proximity.trace : name;
      streaming.push({ trace, predictive, proximity });
    }
    // Stress: the two traces where prediction should matter most, with a load sphere only 28 blocks wider
    // than the required one, so nearest-first loading has little room to catch up.
    for (const file of traceFiles) {
      const name = path.basename(file, '.json');
      if (!STRESS_TRACES.includes(name)) continue;
      const label = `${name} @ loadDistance ${STRESS_LOAD_DISTANCE}`;
      log(`\n== streaming (stress): ${label}, adaptive + prediction ==`);
      const predictive = await runStreamChild(file, 'adaptive', true, path.join(tmp, `${name}-stress-adaptive.json`), STRESS_LOAD_DISTANCE);
      log(`\n== streaming (stress): ${label}, proximity, no prediction (baseline) ==`);
      const proximity = await runStreamChild(file, 'proximity', false, path.join(tmp, `${name}-stress-proximity.json`), STRESS_LOAD_DISTANCE);
      streaming.push({ trace: label, predictive, proximity, stressLoadDistance: STRESS_LOAD_DISTANCE });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  durations.streaming = (performance.now() - t) / 1000;
  durations.total = (performance.now() - t0) / 1000;

  return withTargets({
    date: new Date().toISOString(),
    machine: machineInfo(),
    commit: commitInfo(ROOT),
    threads: DEFAULT_BENCH_THREADS,
    durations,
    mesh,
    compression,
    streaming,
    targets: [],
    targetsMet: 0,
    targetsTotal: 0,
  });
}

/** (Re)evaluates the issue targets of a summary from its measurements. */
export function withTargets(s: LatestSummary): LatestSummary {
  const codecRatio = isFailure(s.compression) ? null : (s.compression.methods.find((m) => m.method === 'codec')?.compressionRatio ?? null);
  const targets = evaluateIssueTargets(s.streaming, codecRatio);
  return { ...s, targets, targetsMet: targets.filter((x) => x.met).length, targetsTotal: targets.length };
}

function readSummary(file: string): LatestSummary {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ArgError(`bench: cannot read ${file} (${errorLine(e)})`);
  }
  const s = data as Partial<LatestSummary>;
  if (!s || typeof s !== 'object' || !Array.isArray(s.streaming) || !s.machine || !s.mesh || !s.compression) {
    throw new ArgError(`bench: ${file} is not a latest.json of npm run bench (needs machine, mesh, compression, streaming)`);
  }
  return s as LatestSummary;
}

async function main(argv: readonly string[]): Promise<number> {
  let args: RunAllArgs;
  let summary: LatestSummary;
  try {
    args = parseRunAllArgs(argv);
    summary = args.render ? withTargets(readSummary(args.render)) : await runAll(args);
  } catch (e) {
    if (e instanceof ArgError) {
      console.error(e.message);
      return ARG_ERROR_EXIT_CODE;
    }
    throw e;
  }
  mkdirSync(args.out, { recursive: true });
  const jsonFile = path.join(args.out, 'latest.json');
  const mdFile = path.join(args.out, 'latest.md');
  writeFileSync(jsonFile, JSON.stringify(summary, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n');
  const md = formatLatestMarkdown(summary);
  writeFileSync(mdFile, md);
  console.log('\n' + md);
  console.log(`wrote ${jsonFile} and ${mdFile}`);
  const failed =
    isFailure(summary.mesh) || isFailure(summary.compression) || summary.streaming.some((p) => isFailure(p.predictive) || isFailure(p.proximity));
  return failed ? 1 : 0;
}

if (process.argv[1] && /runAll\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      console.error(`bench: failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      process.exitCode = 1;
    },
  );
}
