/**
 * Browser tests: `npm run test:e2e` (= tsx __tests__/e2e/run.ts). Builds (unless E2E_SKIP_BUILD=1),
 * starts `next start` on a free loopback port and drives headless Chromium (SwiftShader WebGL) through
 * playwright-core at a small viewport with `loadDistance=128` so frames stay fast in software rendering
 * (the streaming engine is the same). Screenshots and report JSON go to test-results/.
 * Prints "N passed, N failed" and exits non-zero on a failure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { VoxelTestApi } from '../../utils/debug/voxelTestApi';
import {
  RESULTS_DIR,
  VIEWPORT,
  buildIfNeeded,
  colourStats,
  launchBrowser,
  readTrace,
  sleep,
  startServer,
  waitForWorld,
  watchErrors,
  type WorldState,
} from './browserHarness';

const BASE_QUERY = 'debug=1&loadDistance=128';
const FLIGHT_TRACE = 'linear-sprintfly-22';

/** The page's test API (utils/debug/voxelTestApi.ts), present with ?debug=1. */
type VoxelPage = { voxel: VoxelTestApi };

interface Ctx {
  browser: Browser;
  url: string;
  errors: string[];
  page: Page | null;
  /** Loaded chunks at the first load (for the bound after the flight). */
  startChunks: number;
}

/** Chunk positions whose 32^3 box comes within `radius` blocks of a point at a chunk's centre (a bound for any point: +1 chunk). */
function chunkPositionsWithin(radius: number): number {
  const r = Math.ceil(radius / 32) + 1;
  let n = 0;
  for (let x = -r; x <= r; x++)
    for (let y = -r; y <= r; y++)
      for (let z = -r; z <= r; z++) {
        const gap = (d: number) => Math.max(0, Math.abs(d) * 32 - 32);
        if (Math.hypot(gap(x), gap(y), gap(z)) <= radius) n++;
      }
  return n;
}

function check(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

async function openPage(ctx: Ctx, query: string): Promise<Page> {
  const page = await ctx.browser.newPage({ viewport: VIEWPORT });
  watchErrors(page, ctx.errors);
  await page.goto(`${ctx.url}?${query}`, { waitUntil: 'load' });
  return page;
}

const overlayText = (page: Page) => page.locator('#streaming-overlay pre').innerText();

/** Presses F3 until the overlay is shown (open) or gone (!open). */
async function setOverlay(page: Page, open: boolean): Promise<void> {
  if ((await page.locator('#streaming-overlay').count()) > 0 !== open) await page.keyboard.press('F3');
  await page.locator('#streaming-overlay').waitFor({ state: open ? 'visible' : 'detached', timeout: 5000 });
}

const cases: [string, (ctx: Ctx) => Promise<void>][] = [
  [
    'the world renders (sky and terrain in the screenshot)',
    async (ctx) => {
      const page = await openPage(ctx, BASE_QUERY);
      ctx.page = page;
      const state = await waitForWorld(page);
      check(state.flags.loadDistance === 128, `flags.loadDistance should be 128, got ${state.flags.loadDistance}`);
      await page.mouse.click(VIEWPORT.width / 2, VIEWPORT.height / 2); // dismiss the controls panel
      await sleep(1500);
      const png = await page.locator('canvas').first().screenshot({ path: path.join(RESULTS_DIR, 'world.png') });
      const c = await colourStats(page, png);
      console.log(`    sky ${(c.sky * 100).toFixed(1)}%, terrain ${(c.ground * 100).toFixed(1)}%, ${c.colours} colours`);
      check(c.sky >= 0.05, `sky share ${(c.sky * 100).toFixed(1)}% < 5%`);
      check(c.ground >= 0.15, `terrain share ${(c.ground * 100).toFixed(1)}% < 15%`);
      check(c.colours >= 40, `only ${c.colours} distinct colours: a flat canvas`);
      ctx.startChunks = await page.evaluate(() => (window as unknown as VoxelPage).voxel.renderStats().chunks);
    },
  ],
  [
    'F3 shows and hides the overlay; its numbers change while flying',
    async (ctx) => {
      const page = ctx.page!;
      check((await page.locator('#streaming-overlay').count()) === 0, 'overlay shown before F3');
      await page.keyboard.press('F3');
      await page.locator('#streaming-overlay').waitFor({ state: 'visible', timeout: 5000 });
      await page.waitForFunction(() => document.querySelector('#streaming-overlay pre')?.textContent?.startsWith('XYZ'), null, {
        timeout: 5000,
      });
      const before = await overlayText(page);
      await page.keyboard.down('KeyW'); // yaw 0: forward is -z
      await sleep(1500);
      await page.keyboard.up('KeyW');
      await sleep(400);
      const after = await overlayText(page);
      await page.locator('#streaming-overlay').screenshot({ path: path.join(RESULTS_DIR, 'overlay.png') });
      const z = (t: string) => Number(/^XYZ: \S+ \/ \S+ \/ (\S+)/.exec(t)?.[1]);
      console.log(`    ${before.split('\n')[0]}  ->  ${after.split('\n')[0]}`);
      check(z(after) < z(before) - 5, `z should drop while flying forward: ${z(before)} -> ${z(after)}`);
      for (const label of ['Chunk:', 'Facing:', 'fps', 'Queue:', 'Workers:', 'Cache:', 'Memory:', 'Prediction:', 'Grade:']) {
        check(after.includes(label), `overlay lacks "${label}"`);
      }
      check(before !== after, 'overlay text did not change');
      await setOverlay(page, false);
    },
  ],
  [
    `playTrace(${FLIGHT_TRACE}): no hole chunk-frames, no long tasks`,
    async (ctx) => {
      const page = ctx.page!;
      const trace = readTrace(FLIGHT_TRACE);
      const report = await page.evaluate((t) => (window as unknown as VoxelPage).voxel.playTrace(t), trace);
      writeFileSync(path.join(RESULTS_DIR, `playTrace-${FLIGHT_TRACE}.json`), JSON.stringify(report, null, 2));
      const fm = report.frameMs as { p50: number; p95: number; p99: number; max: number };
      const mt = report.mainThreadMs as { p50: number; p99: number; max: number };
      console.log(
        `    frames ${report.frames}, holeChunkFrames ${report.holeChunkFrames}, longTasks ${report.longTasks}, ` +
          `frameMs p50 ${fm.p50?.toFixed(1)} p95 ${fm.p95?.toFixed(1)} p99 ${fm.p99?.toFixed(1)} max ${fm.max?.toFixed(1)}, ` +
          `mainThreadMs p50 ${mt.p50?.toFixed(2)} p99 ${mt.p99?.toFixed(2)} max ${mt.max?.toFixed(2)}, readyOnArrival ${report.readyOnArrival}`,
      );
      check(report.frames > 100, `only ${report.frames} frames measured`);
      check(report.holeChunkFrames === 0, `holeChunkFrames ${report.holeChunkFrames} (want 0)`);
      check(report.longTasks === 0, `longTasks ${report.longTasks} (want 0)`);
    },
  ],
  [
    'after the 40 s flight the geometry count is bounded (no leaked geometries, chunks behind unloaded)',
    async (ctx) => {
      const page = ctx.page!;
      const s = await page.evaluate(() => {
        const v = (window as unknown as VoxelPage).voxel;
        // linear-sprintfly-22 flies along +x: "behind" is -x
        return { geometries: v.geometries(), stats: v.renderStats(), extent: v.loadedExtent({ x: 1, y: 0, z: 0 }) };
      });
      console.log(
        `    three.js geometries ${s.geometries}, renderer ${JSON.stringify(s.stats)}, farthest chunk ${s.extent.farthestBlocks.toFixed(0)} blocks, ` +
          `behind ${s.extent.farthestBehindBlocks.toFixed(0)} (unloadDistance ${s.extent.unloadDistance}, preload reach ${s.extent.preloadReach}), chunks at start ${ctx.startChunks}`,
      );
      // every live three.js geometry belongs to a loaded chunk (none leaked from unloaded ones) ...
      check(s.geometries <= s.stats.geometries, `three.js holds ${s.geometries} geometries, the renderer only ${s.stats.geometries}`);
      check(s.stats.geometries <= 2 * s.stats.chunks, `${s.stats.geometries} geometries for ${s.stats.chunks} chunks`);
      // ... chunks left behind on the 864-block path were unloaded: within unloadDistance plus the distance
      // flown (21.6 blocks/s) during unloadingLatency and two unload scans (200 ms each), plus one chunk ...
      const behindLimit = s.extent.unloadDistance + (21.6 * (s.extent.unloadingLatency + 400)) / 1000 + 32;
      check(
        s.extent.farthestBehindBlocks <= behindLimit,
        `a chunk ${s.extent.farthestBehindBlocks.toFixed(0)} blocks behind is still loaded (limit ${behindLimit.toFixed(0)}: unloadDistance ${s.extent.unloadDistance} + latency)`,
      );
      // ... and ahead nothing lies past the preloaded path (loadDistance + preloadDistance, + one chunk)
      check(
        s.extent.farthestBlocks <= Math.max(s.extent.unloadDistance, s.extent.preloadReach) + 32,
        `a chunk ${s.extent.farthestBlocks.toFixed(0)} blocks away is loaded (preload reach ${s.extent.preloadReach})`,
      );
      const sphere = chunkPositionsWithin(s.extent.unloadDistance + 32);
      check(s.stats.chunks <= sphere, `${s.stats.chunks} chunks loaded, more than the ${sphere} positions within unloadDistance + 32`);
    },
  ],
  [
    'a minute at 100 blocks/s: the world keeps appearing ahead and the geometry count stays bounded',
    async (ctx) => {
      const page = ctx.page!;
      // 60 s straight along +x at 100 blocks/s from where the last flight ended (yaw -pi/2 looks toward +x)
      const dt = 1 / 60;
      const n = 60 * 60 + 1;
      const positions: [number, number, number][] = [];
      const look: [number, number][] = [];
      for (let i = 0; i < n; i++) {
        positions.push([1000 + 100 * i * dt, 110, 16]);
        look.push([-Math.PI / 2, 0]);
      }
      const trace = { name: 'straight-100-60s', description: 'e2e: 60 s along +x at 100 blocks/s', dt, positions, look };
      const samples: { t: number; geometries: number; chunks: number }[] = [];
      const flight = page.evaluate((t) => (window as unknown as VoxelPage).voxel.playTrace(t), trace);
      let done = false;
      void flight.finally(() => (done = true));
      const t0 = Date.now();
      while (!done) {
        await sleep(5000);
        if (done) break;
        const g = await page.evaluate(() => {
          const v = (window as unknown as VoxelPage).voxel;
          return { geometries: v.geometries(), chunks: v.renderStats().chunks };
        });
        samples.push({ t: (Date.now() - t0) / 1000, ...g });
      }
      const report = await flight;
      writeFileSync(path.join(RESULTS_DIR, 'playTrace-straight-100-60s.json'), JSON.stringify({ report, samples }, null, 2));
      const share = report.requiredChunkFrames ? (report.holeChunkFrames as number) / (report.requiredChunkFrames as number) : 0;
      console.log(
        `    frames ${report.frames}, holeChunkFrames ${report.holeChunkFrames} (${(share * 100).toFixed(3)}% of required), ` +
          `readyOnArrival ${report.readyOnArrival}, geometries over time ${samples.map((x) => x.geometries).join(' ')}`,
      );
      check(report.frames > 300, `only ${report.frames} frames measured`);
      check(share <= 0.01, `holes in ${(share * 100).toFixed(2)}% of required chunk-frames (want <= 1%)`);
      check((report.readyOnArrival as number) >= 0.95, `readyOnArrival ${report.readyOnArrival} (want >= 0.95)`);
      // bounded: the geometry count of the last third stays within 25% of the first third's peak
      const third = Math.max(1, Math.floor(samples.length / 3));
      const early = Math.max(...samples.slice(0, third).map((x) => x.geometries));
      const late = Math.max(...samples.slice(-third).map((x) => x.geometries));
      check(samples.length >= 6, `only ${samples.length} geometry samples`);
      check(late <= early * 1.25, `geometries grew from ${early} to ${late} during the flight`);
    },
  ],
  [
    'a live setting rebuilds the engine without leaking geometries',
    async (ctx) => {
      const page = ctx.page!;
      await setOverlay(page, true);
      await page.locator('#streaming-overlay select[name="loadDistance"]').selectOption('96');
      await page.waitForFunction(() => (window as unknown as VoxelPage).voxel.state().flags.loadDistance === 96, null, { timeout: 5000 });
      await waitForWorld(page);
      await sleep(500);
      const s = await page.evaluate(() => {
        const v = (window as unknown as VoxelPage).voxel;
        return { geometries: v.geometries(), stats: v.renderStats() };
      });
      console.log(`    after rebuild: three.js geometries ${s.geometries}, renderer ${JSON.stringify(s.stats)}`);
      check(s.geometries <= s.stats.geometries, `three.js holds ${s.geometries} geometries, the new renderer ${s.stats.geometries}`);
      const text = await overlayText(page);
      check(text.includes('loadDistance 96'), 'overlay does not show loadDistance 96');
      await setOverlay(page, false);
    },
  ],
  [
    'a reload starts clean',
    async (ctx) => {
      const page = ctx.page!;
      await page.reload({ waitUntil: 'load' });
      const state = await waitForWorld(page);
      const s = await page.evaluate(() => {
        const v = (window as unknown as VoxelPage).voxel;
        return { geometries: v.geometries(), stats: v.renderStats(), overlay: !!document.getElementById('streaming-overlay') };
      });
      console.log(`    after reload: status ${state.status}, loadDistance ${state.flags.loadDistance}, renderer ${JSON.stringify(s.stats)}`);
      check(state.flags.loadDistance === 128, 'a live setting survived the reload (flags are resolved at start)');
      check(!s.overlay, 'overlay open after reload');
      check(s.geometries <= s.stats.geometries, `three.js holds ${s.geometries} geometries, the renderer ${s.stats.geometries}`);
      check(s.stats.chunks <= 2 * ctx.startChunks, `${s.stats.chunks} chunks after reload vs ${ctx.startChunks} at first load`);
      await page.close();
      ctx.page = null;
    },
  ],
  [
    'flags change behaviour: predict=0 shows in the overlay; localStorage < URL',
    async (ctx) => {
      const page = await openPage(ctx, `${BASE_QUERY}&predict=0`);
      try {
        await page.waitForFunction(() => !!(window as unknown as Partial<VoxelPage>).voxel?.state().flags, null, { timeout: 60_000 });
        await page.keyboard.press('F3');
        await page.waitForFunction(() => document.querySelector('#streaming-overlay pre')?.textContent?.includes('Prediction: off'), null, {
          timeout: 60_000,
        });
        const text = await overlayText(page);
        check(text.includes('predict 0'), 'overlay flags line lacks "predict 0"');
        check(!(await page.locator('#streaming-overlay input[name="predict"]').isChecked()), 'prediction checkbox is checked');
        await page.evaluate(() => localStorage.setItem('voxel.flags', JSON.stringify({ priority: 'proximity', threads: 1 })));
        await page.goto(`${ctx.url}?${BASE_QUERY}&priority=direction`, { waitUntil: 'load' });
        await page.waitForFunction(() => !!(window as unknown as Partial<VoxelPage>).voxel, null, { timeout: 60_000 });
        const flags = await page.evaluate(() => (window as unknown as VoxelPage).voxel.state().flags);
        check(flags.priority === 'direction', `URL should win over localStorage, got priority ${flags.priority}`);
        check(flags.threads === 1, `localStorage threads should apply, got ${flags.threads}`);
      } finally {
        await page.evaluate(() => localStorage.removeItem('voxel.flags')).catch(() => undefined);
        await page.close();
      }
    },
  ],
  [
    'an invalid flag value shows a warning naming the flag; the default stands',
    async (ctx) => {
      const page = await openPage(ctx, `${BASE_QUERY}&threads=-2`);
      try {
        const banner = page.locator('#voxel-warnings');
        await banner.waitFor({ state: 'visible', timeout: 60_000 });
        const text = await banner.innerText();
        await page.screenshot({ path: path.join(RESULTS_DIR, 'invalid-flag.png') });
        console.log(`    ${text.split('\n')[0]}`);
        check(/flag threads: .*got -2; using the default \d+/.test(text), `warning text: ${text}`);
        await page.waitForFunction(() => !!(window as unknown as Partial<VoxelPage>).voxel, null, { timeout: 60_000 });
        const flags = await page.evaluate(() => (window as unknown as VoxelPage).voxel.state().flags);
        check(typeof flags.threads === 'number' && flags.threads >= 1, `threads should keep its default, got ${flags.threads}`);
      } finally {
        await page.close();
      }
    },
  ],
  [
    'no console errors on any page',
    async (ctx) => {
      check(ctx.errors.length === 0, `${ctx.errors.length} errors:\n      ${ctx.errors.slice(0, 10).join('\n      ')}`);
    },
  ],
];

async function main(): Promise<number> {
  const started = Date.now();
  mkdirSync(RESULTS_DIR, { recursive: true });
  buildIfNeeded((s) => console.log(`e2e: ${s}`));
  const server = await startServer();
  console.log(`e2e: next start on ${server.url}`);
  const browser = await launchBrowser();
  const ctx: Ctx = { browser, url: server.url, errors: [], page: null, startChunks: 0 };
  let passed = 0;
  let failed = 0;
  try {
    for (const [name, run] of cases) {
      const t0 = Date.now();
      try {
        await run(ctx);
        passed++;
        console.log(`  ✓ ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      } catch (error) {
        failed++;
        console.log(`  ✗ ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n      ${error instanceof Error ? error.message : String(error)}`);
        if (ctx.page) await ctx.page.screenshot({ path: path.join(RESULTS_DIR, `failure-${passed + failed}.png`) }).catch(() => undefined);
      }
    }
  } finally {
    await browser.close();
    server.stop();
  }
  console.log(`e2e: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`e2e: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
