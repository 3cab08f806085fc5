/**
 * Streaming benchmark (../shared/streaming-spec.md "Streaming benchmark CLI"):
 *   npm run bench:stream -- --trace FILE [--json OUT] [--threads N] [--strategy proximity|direction|adaptive] [--no-predict]
 * Loads until the initial load is complete with the player still at the trace's first sample, then
 * replays the trace in real time at 60 frames per second through the real streaming manager, with
 * generation, meshing and compression on real Node worker_threads (the production worker entry,
 * bundled with esbuild at start) and a GPU stand-in sink. Prints a table; `--json OUT` writes the
 * report. A bad argument or trace prints one line and exits with code 2; a failed run exits with 1.
 * Defaults: 1 worker thread (2-core machine: the main thread and one worker), adaptive, predictive on.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ARG_ERROR_EXIT_CODE, ArgError, STREAM_USAGE, loadDistanceOverrides, parseStreamArgs, type StreamArgs } from './stream/args';
import { runStreamSession } from './stream/driver';
import { formatStreamReport, reportToJson, type StreamBenchReport } from './stream/report';
import { TraceError, loadTrace } from './stream/trace';
import { startBenchCli } from './lib/bundledMain';

export interface StreamBenchOptions extends Omit<StreamArgs, 'help'> {
  log?: (line: string) => void;
}

/** Runs one streaming benchmark; writes `json` when given. Throws TraceError for a bad trace. */
export async function runStreamBench(opts: StreamBenchOptions): Promise<StreamBenchReport> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const trace = loadTrace(opts.trace);
  const report = await runStreamSession({
    trace,
    threads: opts.threads,
    strategy: opts.strategy,
    predict: opts.predict,
    config: loadDistanceOverrides(opts.loadDistance ?? null) ?? undefined,
    log,
  });
  log(formatStreamReport(report));
  if (opts.json) {
    mkdirSync(path.dirname(path.resolve(opts.json)), { recursive: true });
    writeFileSync(opts.json, reportToJson(report));
    log(`wrote ${opts.json}`);
  }
  return report;
}

export async function main(argv: readonly string[]): Promise<number> {
  let args: StreamArgs;
  try {
    args = parseStreamArgs(argv);
  } catch (e) {
    if (e instanceof ArgError) {
      console.error(e.message);
      return ARG_ERROR_EXIT_CODE;
    }
    throw e;
  }
  if (args.help) {
    console.log(STREAM_USAGE);
    return 0;
  }
  try {
    await runStreamBench(args);
    return 0;
  } catch (e) {
    if (e instanceof TraceError) {
      console.error(e.message);
      return ARG_ERROR_EXIT_CODE;
    }
    console.error(`bench:stream: run failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 1;
  }
}

declare const __BENCH_BUNDLED__: boolean | undefined;

// Run from the command line: from an esbuild bundle of this file (see bench/lib/bundledMain.ts).
if (typeof __BENCH_BUNDLED__ === 'undefined' && process.argv[1] && /streamBench\.ts$/.test(process.argv[1])) {
  startBenchCli(__filename, main, 'bench:stream');
}
