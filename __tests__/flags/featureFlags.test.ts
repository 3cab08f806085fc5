// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_STREAMING_CONFIG, resolveStreamingConfig } from '@/config/streamingConfig';
import {
  FLAGS_STORAGE_KEY,
  configFromFlags,
  defaultFlagValues,
  parseFlag,
  readBrowserFlagSources,
  resolveFlags,
  withLiveFlag,
} from '@/utils/flags/featureFlags';

describe('resolveFlags: sources and precedence', () => {
  it('defaults come from config/streamingConfig.ts', () => {
    const r = resolveFlags({});
    expect(r.values).toEqual(defaultFlagValues());
    expect(r.values.loadDistance).toBe(DEFAULT_STREAMING_CONFIG.loadDistance);
    expect(r.values.predict).toBe(DEFAULT_STREAMING_CONFIG.enablePredictiveLoading);
    expect(r.values.streaming).toBe(true);
    expect(r.values.debug).toBe(false);
    expect(r.warnings).toEqual([]);
    expect(new Set(Object.values(r.sources))).toEqual(new Set(['default']));
  });

  it('later sources win: env < localStorage < URL', () => {
    const r = resolveFlags({
      env: { loadDistance: '160', predict: '0', threads: '2', lod: '1' },
      storage: JSON.stringify({ loadDistance: 128, predict: true }),
      query: '?loadDistance=192&priority=direction',
    });
    expect(r.values.loadDistance).toBe(192);
    expect(r.sources.loadDistance).toBe('url');
    expect(r.values.predict).toBe(true);
    expect(r.sources.predict).toBe('storage');
    expect(r.values.threads).toBe(2);
    expect(r.sources.threads).toBe('env');
    expect(r.values.lod).toBe(true);
    expect(r.values.priority).toBe('direction');
    expect(r.warnings).toEqual([]);
  });

  it('the README example: ?predict=0&loadDistance=192', () => {
    const r = resolveFlags({ query: '?predict=0&loadDistance=192' });
    expect(r.values.predict).toBe(false);
    expect(r.values.loadDistance).toBe(192);
  });

  it('boolean spellings and streaming on/off', () => {
    expect(resolveFlags({ query: '?streaming=off&debug=1&compression=false' }).values).toMatchObject({
      streaming: false,
      debug: true,
      compression: false,
    });
    expect(resolveFlags({ query: '?streaming=on&debug=true' }).values).toMatchObject({ streaming: true, debug: true });
  });

  it('the last repeated query value counts', () => {
    expect(resolveFlags({ query: '?threads=1&threads=3' }).values.threads).toBe(3);
  });
});

describe('invalid values: named, ignored, the earlier value stands', () => {
  it('loadDistance=-5 -> warning with the flag, the value and the default', () => {
    const r = resolveFlags({ query: '?loadDistance=-5' });
    expect(r.values.loadDistance).toBe(208);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^flag loadDistance: .*got -5; using the default 208$/);
    expect(r.warnings[0]).toContain('[32, 1024]');
  });

  it('an invalid URL value keeps the value of an earlier source, and says where it came from', () => {
    const r = resolveFlags({ env: { threads: '3' }, query: '?threads=1.5' });
    expect(r.values.threads).toBe(3);
    expect(r.warnings[0]).toMatch(/^flag threads: .*got 1\.5; using 3 from env$/);
  });

  it.each([
    ['predict', 'maybe'],
    ['lod', '2'],
    ['compression', ''],
    ['threads', 'abc'],
    ['threads', '0'],
    ['threads', '65'],
    ['loadDistance', '1e9'],
    ['loadDistance', 'NaN'],
    ['priority', 'sideways'],
    ['streaming', 'sometimes'],
    ['debug', 'yes please'],
  ])('%s=%s is rejected', (name, value) => {
    const r = resolveFlags({ query: `?${name}=${encodeURIComponent(value)}` });
    expect(r.values).toEqual(defaultFlagValues());
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0].startsWith(`flag ${name}: `)).toBe(true);
  });

  it('range boundaries are inclusive', () => {
    expect(resolveFlags({ query: '?loadDistance=32' }).values.loadDistance).toBe(32);
    expect(resolveFlags({ query: '?loadDistance=1024' }).values.loadDistance).toBe(1024);
    expect(resolveFlags({ query: '?loadDistance=31.9' }).warnings).toHaveLength(1);
    expect(resolveFlags({ query: '?threads=64' }).values.threads).toBe(64);
  });

  it('localStorage that is not a JSON object is reported and ignored', () => {
    for (const storage of ['{not json', '[1,2]', '42']) {
      const r = resolveFlags({ storage, query: '?predict=0' });
      expect(r.values.predict).toBe(false);
      expect(r.warnings).toHaveLength(1);
      expect(r.warnings[0]).toContain(FLAGS_STORAGE_KEY);
    }
  });

  it('a non-scalar localStorage value is rejected', () => {
    const r = resolveFlags({ storage: JSON.stringify({ loadDistance: [1] }) });
    expect(r.values.loadDistance).toBe(208);
    expect(r.warnings[0]).toMatch(/^flag loadDistance: /);
  });

  it('unknown query parameters are not flags', () => {
    const r = resolveFlags({ query: '?utm=1&foo=bar' });
    expect(r.warnings).toEqual([]);
  });
});

describe('configFromFlags', () => {
  it('yields a config resolveStreamingConfig accepts for every load distance in range', () => {
    for (const load of [32, 64, 96, 100, 128, 208, 209, 400, 1024]) {
      const values = { ...defaultFlagValues(), loadDistance: load };
      const c = resolveStreamingConfig(configFromFlags(values));
      expect(c.loadDistance).toBe(load);
      expect(c.unloadDistance).toBeGreaterThan(c.loadDistance);
      expect(c.unloadDistance).toBe(Math.max(DEFAULT_STREAMING_CONFIG.unloadDistance, load + 48));
      expect(c.responsiveDistance).toBeLessThanOrEqual(load);
      expect(c.seamlessTransitionRadius).toBeLessThanOrEqual(load);
    }
  });

  it('maps each flag to its config field', () => {
    const c = configFromFlags({ ...defaultFlagValues(), predict: false, lod: true, compression: false, threads: 3, priority: 'proximity' });
    expect(c).toMatchObject({
      enablePredictiveLoading: false,
      enableLevelOfDetail: true,
      compressionEnabled: false,
      streamingThreads: 3,
      loadingPriority: 'proximity',
      responsiveDistance: DEFAULT_STREAMING_CONFIG.responsiveDistance,
      seamlessTransitionRadius: DEFAULT_STREAMING_CONFIG.seamlessTransitionRadius,
    });
  });
});

describe('live changes', () => {
  it('validates like a URL flag and keeps the old value on error', () => {
    const v = defaultFlagValues();
    const ok = withLiveFlag(v, 'loadDistance', '128');
    expect('values' in ok && ok.values.loadDistance).toBe(128);
    expect(v.loadDistance).toBe(208); // not mutated
    const bad = withLiveFlag(v, 'priority', 'up');
    expect('error' in bad && bad.error).toMatch(/^flag priority: .*got "up"; keeping adaptive$/);
    expect(parseFlag('predict', '0')).toEqual({ value: false });
  });
});

describe('readBrowserFlagSources (jsdom)', () => {
  afterEach(() => {
    window.localStorage.clear();
    window.history.replaceState(null, '', '/');
  });

  it('reads localStorage and the query string of the page', () => {
    window.localStorage.setItem(FLAGS_STORAGE_KEY, JSON.stringify({ threads: 2 }));
    window.history.replaceState(null, '', '/?predict=0&threads=3');
    const src = readBrowserFlagSources();
    expect(src.storage).toBe('{"threads":2}');
    expect(src.query).toBe('?predict=0&threads=3');
    const r = resolveFlags(src);
    expect(r.values.threads).toBe(3);
    expect(r.sources.threads).toBe('url');
    expect(r.values.predict).toBe(false);
  });
});
