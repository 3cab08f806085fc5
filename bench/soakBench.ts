/**
 * Soak benchmark: `npm run bench:soak [-- --minutes M] [--interval S] [--speed B] [--seed N] [--threads N]
 *   [--strategy S] [--no-predict] [--json OUT]`
 * Random exploration (bench/stream/exploration.ts) at 60 blocks/s for 10 minutes (defaults), through the
 * same real-time driver as bench:stream (real manager, real worker_threads, GPU stand-in). Every 30 s it
 * reports the streaming memory metric, loaded chunks, and the process heap (after a forced full GC of the
 * main thread, so garbage not yet collected does not count) and RSS (all threads). At the end it checks
 * that, after the first minute, each stays within 10% of its level at 1 minute (bench/stream/soak.ts).
 * Exit code: 0 when the run completed (met or missed is in the output), 2 for a bad argument, 1 on failure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { ARG_ERROR_EXIT_CODE, ArgError, SOAK_USAGE, parseSoakArgs, type SoakArgs } from './stream/args';
import { runStreamSession } from './stream/driver';
import { generateExplorationTrace } from './stream/exploration';
import { commitInfo, machineInfo } from './stream/machine';
import { formatStreamReport, type StreamBenchReport } from './stream/report';
import {
  BASELINE_SECONDS,
  SOAK_METRICS,
  TOLERANCE,
  checkStability,
  formatSoakSample,
  formatSoakTable,
  formatStability,
  type SoakSample,
  type StabilityResult,
} from './stream/soak';
import { startBenchCli } from './lib/bundledMain';

export interface SoakResult {
  bench: 'soak';
  date: string;
  machine: ReturnType<typeof machineInfo>;
  commit: ReturnType<typeof commitInfo>;
  settings: Omit<SoakArgs, 'help' | 'json'>;
  gcForced: boolean;
  baselineSeconds: number;
  tolerance: number;
  samples: SoakSample[];
  stability: StabilityResult[];
  /** The run's streaming report (holes, main-thread times, ...) over the whole exploration. */
  stream: StreamBenchReport;
}

/** A function forcing a full GC of this thread, or null when V8 refuses to expose one. */
function findGc(): (() => void) | null {
  const g = (globalThis as { gc?: () => void }).gc;
  if (typeof g === 'function') return g;
  try {
    v8.setFlagsFromString('--expose-gc');
    const fn = vm.runInNewContext('gc') as unknown;
    return typeof fn === 'function' ? (fn as () => void) : null;
  } catch {
    return null;
  }
}

export async function runSoakBench(args: Omit<SoakArgs, 'help'>, log: (line: string) => void = (l) => console.log(l)): Promise<SoakResult> {
  const seconds = args.minutes * 60;
  const trace = generateExplorationTrace({ seed: args.seed, seconds, speed: args.speed });
  const gc = findGc();
  const samples: SoakSample[] = [];
  log(
    `soak: ${args.minutes} min of random exploration at ${args.speed} blocks/s (seed ${args.seed}), ${args.threads} worker thread(s), ` +
      `${args.strategy}${args.predict ? ' + prediction' : ''}; a sample every ${args.interval} s${gc ? ' (after a forced GC)' : ' (GC could not be forced)'}`,
  );
  const stream = await runStreamSession({
    trace,
    threads: args.threads,
    strategy: args.strategy,
    predict: args.predict,
    log,
    sampler: {
      everyMs: args.interval * 1000,
      sample: (elapsedMs, system, sink) => {
        gc?.();
        const m = process.memoryUsage();
        const c = system.manager.getCounts();
        const cache = system.cache.getCacheMetrics();
        const s: SoakSample = {
          t: elapsedMs / 1000,
          streamingBytes: system.manager.memoryBytes(),
          loadedChunks: system.manager.loadedChunkCount,
          renderedChunks: c.rendered,
          cacheEntries: cache.entries,
          cacheBytes: cache.bytes,
          gpuBytes: sink.getStats().bytes,
          heapUsedBytes: m.heapUsed,
          rssBytes: m.rss,
          arrayBuffersBytes: m.arrayBuffers,
          externalBytes: m.external,
        };
        samples.push(s);
        log(formatSoakSample(s));
      },
    },
  });
  const stability = SOAK_METRICS.map((metric) => checkStability(samples, metric, BASELINE_SECONDS, TOLERANCE));
  log(formatSoakTable(samples));
  log(formatStreamReport(stream));
  for (const s of stability) log(formatStability(s));
  const { help: _h, json: _j, ...settings } = args as SoakArgs;
  return {
    bench: 'soak',
    date: new Date().toISOString(),
    machine: machineInfo(),
    commit: commitInfo(process.cwd()),
    settings,
    gcForced: gc !== null,
    baselineSeconds: BASELINE_SECONDS,
    tolerance: TOLERANCE,
    samples,
    stability,
    stream,
  };
}

export async function main(argv: readonly string[]): Promise<number> {
  let args: SoakArgs;
  try {
    args = parseSoakArgs(argv);
  } catch (e) {
    if (e instanceof ArgError) {
      console.error(e.message);
      return ARG_ERROR_EXIT_CODE;
    }
    throw e;
  }
  if (args.help) {
    console.log(SOAK_USAGE);
    return 0;
  }
  const result = await runSoakBench(args);
  if (args.json) {
    mkdirSync(path.dirname(path.resolve(args.json)), { recursive: true });
    writeFileSync(args.json, JSON.stringify(result, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n');
    console.log(`wrote ${args.json}`);
  }
  return 0;
}

declare const __BENCH_BUNDLED__: boolean | undefined;

// Run from the command line: from an esbuild bundle of this file (see bench/lib/bundledMain.ts).
if (typeof __BENCH_BUNDLED__ === 'undefined' && process.argv[1] && /soakBench\.ts$/.test(process.argv[1])) {
  startBenchCli(__filename, main, 'bench:soak');
}
