/**
 * Feature flags (../shared/streaming-spec.md "Feature flags"), resolved once at start from four sources,
 * later ones winning: the defaults (config/streamingConfig.ts), `NEXT_PUBLIC_*` environment variables,
 * localStorage (key FLAGS_STORAGE_KEY, a JSON object), the URL query. Every source gives raw strings (or
 * JSON numbers/booleans from localStorage); each value is parsed, then validated with checkConfigField.
 * An invalid value is reported ("flag loadDistance: ... got -5; using the default 208") and ignored:
 * the value from the earlier sources stands.
 *
 * Flags and the config fields they set (units as in ChunkStreamingConfig: blocks, threads):
 *   streaming    on|off (also 1|0|true|false)  off = a fixed area around spawn, no streaming
 *   predict      0|1                            enablePredictiveLoading
 *   lod          0|1                            enableLevelOfDetail
 *   compression  0|1                            compressionEnabled
 *   threads      integer                        streamingThreads
 *   loadDistance blocks                         loadDistance; unloadDistance = max(default, loadDistance + 48)
 *                                               (hysteresis); responsiveDistance and seamlessTransitionRadius
 *                                               are capped at loadDistance (nothing beyond it is loaded)
 *   priority     proximity|direction|adaptive   loadingPriority
 *   debug        0|1                            the F3 overlay's settings and window.voxel
 */
import {
  checkConfigField,
  DEFAULT_STREAMING_CONFIG,
  type ChunkStreamingConfig,
  type LoadingPriority,
} from '@/config/streamingConfig';

export const FLAGS_STORAGE_KEY = 'voxel.flags';
/** Blocks between loadDistance and unloadDistance when the flag raises the load radius. */
export const UNLOAD_HYSTERESIS_BLOCKS = 48;

export interface FlagValues {
  streaming: boolean;
  predict: boolean;
  lod: boolean;
  compression: boolean;
  threads: number;
  loadDistance: number;
  priority: LoadingPriority;
  debug: boolean;
}

export type FlagName = keyof FlagValues;
export type FlagSource = 'default' | 'env' | 'storage' | 'url' | 'live';

export const FLAG_NAMES: readonly FlagName[] = [
  'streaming',
  'predict',
  'lod',
  'compression',
  'threads',
  'loadDistance',
  'priority',
  'debug',
];

/** Environment variable of each flag (Next inlines NEXT_PUBLIC_* only when written out literally). */
export const FLAG_ENV_NAMES: Readonly<Record<FlagName, string>> = {
  streaming: 'NEXT_PUBLIC_STREAMING',
  predict: 'NEXT_PUBLIC_PREDICT',
  lod: 'NEXT_PUBLIC_LOD',
  compression: 'NEXT_PUBLIC_COMPRESSION',
  threads: 'NEXT_PUBLIC_THREADS',
  loadDistance: 'NEXT_PUBLIC_LOAD_DISTANCE',
  priority: 'NEXT_PUBLIC_PRIORITY',
  debug: 'NEXT_PUBLIC_DEBUG',
};

/** The build's NEXT_PUBLIC_* values (each reference literal so Next can inline it into the client bundle). */
export function readEnvFlags(): Partial<Record<FlagName, string>> {
  const env: Partial<Record<FlagName, string | undefined>> = {
    streaming: process.env.NEXT_PUBLIC_STREAMING,
    predict: process.env.NEXT_PUBLIC_PREDICT,
    lod: process.env.NEXT_PUBLIC_LOD,
    compression: process.env.NEXT_PUBLIC_COMPRESSION,
    threads: process.env.NEXT_PUBLIC_THREADS,
    loadDistance: process.env.NEXT_PUBLIC_LOAD_DISTANCE,
    priority: process.env.NEXT_PUBLIC_PRIORITY,
    debug: process.env.NEXT_PUBLIC_DEBUG,
  };
  const out: Partial<Record<FlagName, string>> = {};
  for (const name of FLAG_NAMES) {
    const v = env[name];
    if (v !== undefined && v !== '') out[name] = v;
  }
  return out;
}

export function defaultFlagValues(): FlagValues {
  const d = DEFAULT_STREAMING_CONFIG;
  return {
    streaming: true,
    predict: d.enablePredictiveLoading,
    lod: d.enableLevelOfDetail,
    compression: d.compressionEnabled,
    threads: d.streamingThreads,
    loadDistance: d.loadDistance,
    priority: d.loadingPriority,
    debug: false,
  };
}

/** The config field a flag is validated as (streaming and debug are not config fields). */
const FLAG_FIELDS: Readonly<Partial<Record<FlagName, keyof ChunkStreamingConfig>>> = {
  predict: 'enablePredictiveLoading',
  lod: 'enableLevelOfDetail',
  compression: 'compressionEnabled',
  threads: 'streamingThreads',
  loadDistance: 'loadDistance',
  priority: 'loadingPriority',
};

const TRUE_WORDS = ['1', 'true', 'on', 'yes'];
const FALSE_WORDS = ['0', 'false', 'off', 'no'];

function parseBool(raw: string): boolean | string {
  const s = raw.trim().toLowerCase();
  if (TRUE_WORDS.includes(s)) return true;
  if (FALSE_WORDS.includes(s)) return false;
  return raw;
}

function parseNumber(raw: string): number | string {
  const s = raw.trim();
  if (s === '') return raw;
  const n = Number(s);
  return Number.isFinite(n) ? n : raw;
}

/**
 * Parses and validates one raw value. Returns the typed value, or an error message naming the flag,
 * the allowed values and what was given (without the "using ..." tail).
 */
export function parseFlag(name: FlagName, raw: unknown): { value: FlagValues[FlagName] } | { error: string } {
  const text = typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : null;
  if (text === null) return { error: `flag ${name}: must be a string, number or boolean, got ${JSON.stringify(raw) ?? String(raw)}` };
  if (name === 'streaming' || name === 'debug') {
    const b = parseBool(text);
    if (typeof b === 'boolean') return { value: b };
    const allowed = name === 'streaming' ? 'on | off' : '0 | 1';
    return { error: `flag ${name}: must be ${allowed}, got ${JSON.stringify(text)}` };
  }
  const field = FLAG_FIELDS[name]!;
  let value: unknown;
  if (name === 'threads' || name === 'loadDistance') value = parseNumber(text);
  else if (name === 'priority') value = text.trim();
  else value = parseBool(text);
  // Config messages read "<prefix>: <field> must be ..., got <value>"; the prefix names the flag.
  const msg = checkConfigField(field, value, `flag ${name}`);
  if (msg) return { error: msg };
  return { value: value as FlagValues[FlagName] };
}

export interface FlagSources {
  env?: Partial<Record<string, unknown>>;
  /** localStorage's raw JSON text (null when absent). */
  storage?: string | null;
  /** The URL query, e.g. "?predict=0&loadDistance=192". */
  query?: string;
}

export interface ResolvedFlags {
  values: FlagValues;
  /** Where each value came from. */
  sources: Record<FlagName, FlagSource>;
  /** One message per ignored value, in source order. */
  warnings: string[];
}

function describeKept(value: unknown, source: FlagSource): string {
  return source === 'default' ? `using the default ${String(value)}` : `using ${String(value)} from ${source}`;
}

/** Resolves the flags from the given sources (pure: tests pass strings; the page passes readBrowserFlagSources()). */
export function resolveFlags(src: FlagSources): ResolvedFlags {
  const values = defaultFlagValues();
  const sources = Object.fromEntries(FLAG_NAMES.map((n) => [n, 'default'])) as Record<FlagName, FlagSource>;
  const warnings: string[] = [];
  const apply = (layer: Partial<Record<string, unknown>>, source: FlagSource) => {
    for (const name of FLAG_NAMES) {
      if (!Object.prototype.hasOwnProperty.call(layer, name)) continue;
      const raw = layer[name];
      if (raw === undefined) continue;
      const r = parseFlag(name, raw);
      if ('error' in r) {
        warnings.push(`${r.error}; ${describeKept(values[name], sources[name])}`);
        continue;
      }
      (values as unknown as Record<string, unknown>)[name] = r.value;
      sources[name] = source;
    }
  };
  if (src.env) apply(src.env, 'env');
  if (src.storage != null && src.storage !== '') {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(src.storage);
    } catch {
      parsed = undefined;
    }
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) apply(parsed as Record<string, unknown>, 'storage');
    else warnings.push(`flags: localStorage "${FLAGS_STORAGE_KEY}" must hold a JSON object, got ${src.storage.slice(0, 40)}; ignored`);
  }
  if (src.query) {
    const params = new URLSearchParams(src.query);
    const layer: Record<string, string> = {};
    for (const name of FLAG_NAMES) {
      const all = params.getAll(name);
      if (all.length > 0) layer[name] = all[all.length - 1];
    }
    apply(layer, 'url');
  }
  return { values, sources, warnings };
}

/** Reads the browser's sources (env inlined at build time, localStorage, location.search); safe without a window. */
export function readBrowserFlagSources(): FlagSources {
  let storage: string | null = null;
  let query = '';
  if (typeof window !== 'undefined') {
    try {
      storage = window.localStorage.getItem(FLAGS_STORAGE_KEY);
    } catch {
      storage = null; // storage disabled (privacy mode): nothing to read
    }
    query = window.location.search;
  }
  return { env: readEnvFlags(), storage, query };
}

/** The engine options the flags select: the config overrides and whether streaming is on. */
export function configFromFlags(values: FlagValues): Partial<ChunkStreamingConfig> {
  const d = DEFAULT_STREAMING_CONFIG;
  const load = values.loadDistance;
  return {
    enablePredictiveLoading: values.predict,
    enableLevelOfDetail: values.lod,
    compressionEnabled: values.compression,
    streamingThreads: values.threads,
    loadingPriority: values.priority,
    loadDistance: load,
    unloadDistance: Math.max(d.unloadDistance, load + UNLOAD_HYSTERESIS_BLOCKS),
    responsiveDistance: Math.min(d.responsiveDistance, load),
    seamlessTransitionRadius: Math.min(d.seamlessTransitionRadius, load),
  };
}

/** Flags that may change while the world runs (the engine is rebuilt with the new config). */
export const LIVE_FLAGS = ['loadDistance', 'predict', 'priority'] as const;
export type LiveFlagName = (typeof LIVE_FLAGS)[number];

/** Applies a validated live change; returns the new values or the error message (values unchanged). */
export function withLiveFlag(values: FlagValues, name: LiveFlagName, raw: unknown): { values: FlagValues } | { error: string } {
  const r = parseFlag(name, raw);
  if ('error' in r) return { error: `${r.error}; keeping ${String(values[name])}` };
  return { values: { ...values, [name]: r.value } };
}

/** Flag values as the store keeps them (for the overlay). */
export function flagsRecord(values: FlagValues): Record<string, string | number | boolean> {
  return { ...values };
}
