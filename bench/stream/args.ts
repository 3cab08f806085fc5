/**
 * Command-line arguments of bench:stream and bench:soak. Accepts `--flag value` and `--flag=value`.
 * Every error is an ArgError with a one-line message; the CLIs print it and exit with ARG_ERROR_EXIT_CODE.
 */
import type { LoadingPriority } from '@/config/streamingConfig';
import { STREAMING_CONFIG_RULES } from '@/config/streamingConfig';

export const ARG_ERROR_EXIT_CODE = 2;
export const STRATEGIES: readonly LoadingPriority[] = ['proximity', 'direction', 'adaptive'];

export class ArgError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArgError';
  }
}

export const STREAM_USAGE =
  'usage: npm run bench:stream -- --trace FILE [--json OUT] [--threads N] [--strategy proximity|direction|adaptive] [--no-predict] [--load-distance BLOCKS]';
export const SOAK_USAGE =
  'usage: npm run bench:soak -- [--minutes M] [--interval S] [--speed B] [--seed N] [--threads N] [--strategy proximity|direction|adaptive] [--no-predict] [--json OUT]';

export interface StreamArgs {
  trace: string;
  json: string | null;
  /** Worker threads, an integer in [1, 64]. */
  threads: number;
  strategy: LoadingPriority;
  predict: boolean;
  /**
   * A smaller (or larger) load sphere than the default, in blocks (a stress setting: the baseline has less
   * room to catch up); null = the default. unloadDistance becomes loadDistance + 48 and responsiveDistance
   * is capped at loadDistance.
   */
  loadDistance: number | null;
  help: boolean;
}

export interface SoakArgs {
  /** Run length, minutes (> 0, <= 1440). */
  minutes: number;
  /** Seconds between memory samples (> 0). */
  interval: number;
  /** Exploration speed, blocks/s (> 0, <= 1000). */
  speed: number;
  /** Seed (uint32) of the random exploration path. */
  seed: number;
  threads: number;
  strategy: LoadingPriority;
  predict: boolean;
  json: string | null;
  help: boolean;
}

type FlagKind = 'value' | 'switch';

/** Splits argv into flag -> value (switches get 'true'); rejects unknown, repeated, or value-less flags. */
function splitFlags(argv: readonly string[], spec: Readonly<Record<string, FlagKind>>, prefix: string): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new ArgError(`${prefix}: unexpected argument ${JSON.stringify(arg)} (flags start with --)`);
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    const kind = spec[name];
    if (!kind) throw new ArgError(`${prefix}: unknown option --${name} (allowed: ${Object.keys(spec).map((k) => '--' + k).join(' ')})`);
    if (out.has(name)) throw new ArgError(`${prefix}: --${name} given more than once`);
    if (kind === 'switch') {
      if (eq >= 0) throw new ArgError(`${prefix}: --${name} takes no value, got ${JSON.stringify(arg.slice(eq + 1))}`);
      out.set(name, 'true');
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new ArgError(`${prefix}: --${name} needs a value`);
      i++;
    }
    if (value.length === 0) throw new ArgError(`${prefix}: --${name} needs a non-empty value`);
    out.set(name, value);
  }
  return out;
}

function parseNumber(prefix: string, name: string, raw: string, min: number, max: number, integer: boolean, minExclusive = false): number {
  const v = Number(raw);
  const range = `${integer ? 'an integer' : 'a number'} in ${minExclusive ? '(' : '['}${min}, ${max}]`;
  const ok = raw.trim() !== '' && Number.isFinite(v) && (!integer || Number.isInteger(v)) && (minExclusive ? v > min : v >= min) && v <= max;
  if (!ok) throw new ArgError(`${prefix}: --${name} must be ${range}, got ${JSON.stringify(raw)}`);
  return v;
}

function parseThreads(prefix: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const rule = STREAMING_CONFIG_RULES.streamingThreads;
  const min = rule.kind === 'number' ? rule.min : 1;
  const max = rule.kind === 'number' ? rule.max : 64;
  return parseNumber(prefix, 'threads', raw, min, max, true);
}

function parseStrategy(prefix: string, raw: string | undefined): LoadingPriority {
  if (raw === undefined) return 'adaptive';
  if (!(STRATEGIES as readonly string[]).includes(raw)) {
    throw new ArgError(`${prefix}: --strategy must be one of ${STRATEGIES.join(' | ')}, got ${JSON.stringify(raw)}`);
  }
  return raw as LoadingPriority;
}

/** Default worker threads of the benchmarks: 1 (this machine has 2 cores: the main thread and one worker). */
export const DEFAULT_BENCH_THREADS = 1;

/** Parses bench:stream arguments (process.argv.slice(2)); throws ArgError. `--help` skips the --trace check. */
export function parseStreamArgs(argv: readonly string[]): StreamArgs {
  const P = 'bench:stream';
  const f = splitFlags(
    argv,
    { trace: 'value', json: 'value', threads: 'value', strategy: 'value', 'no-predict': 'switch', 'load-distance': 'value', help: 'switch' },
    P,
  );
  const ld = f.get('load-distance');
  const rule = STREAMING_CONFIG_RULES.loadDistance as { min: number; max: number };
  const help = f.has('help');
  const trace = f.get('trace');
  if (trace === undefined && !help) throw new ArgError(`${P}: --trace FILE is required`);
  return {
    trace: trace ?? '',
    json: f.get('json') ?? null,
    threads: parseThreads(P, f.get('threads'), DEFAULT_BENCH_THREADS),
    strategy: parseStrategy(P, f.get('strategy')),
    predict: !f.has('no-predict'),
    loadDistance: ld === undefined ? null : parseNumber(P, 'load-distance', ld, rule.min, rule.max, false),
    help,
  };
}

/** Config overrides of a --load-distance stress setting (null: none). */
export function loadDistanceOverrides(loadDistance: number | null): { loadDistance: number; unloadDistance: number; responsiveDistance: number } | null {
  if (loadDistance === null) return null;
  return { loadDistance, unloadDistance: loadDistance + 48, responsiveDistance: Math.min(200, loadDistance) };
}

/** Parses bench:soak arguments; throws ArgError. */
export function parseSoakArgs(argv: readonly string[]): SoakArgs {
  const P = 'bench:soak';
  const f = splitFlags(
    argv,
    {
      minutes: 'value',
      interval: 'value',
      speed: 'value',
      seed: 'value',
      threads: 'value',
      strategy: 'value',
      'no-predict': 'switch',
      json: 'value',
      help: 'switch',
    },
    P,
  );
  const m = f.get('minutes');
  const iv = f.get('interval');
  const sp = f.get('speed');
  const sd = f.get('seed');
  const minutes = m === undefined ? 10 : parseNumber(P, 'minutes', m, 0, 1440, false, true);
  const interval = iv === undefined ? 30 : parseNumber(P, 'interval', iv, 0, 3600, false, true);
  if (interval > minutes * 60) throw new ArgError(`${P}: --interval (${interval} s) must not exceed the run length (${minutes * 60} s)`);
  return {
    minutes,
    interval,
    speed: sp === undefined ? 60 : parseNumber(P, 'speed', sp, 0, 1000, false, true),
    seed: sd === undefined ? 1 : parseNumber(P, 'seed', sd, 0, 0xffffffff, true),
    threads: parseThreads(P, f.get('threads'), DEFAULT_BENCH_THREADS),
    strategy: parseStrategy(P, f.get('strategy')),
    predict: !f.has('no-predict'),
    json: f.get('json') ?? null,
    help: f.has('help'),
  };
}
