/**
 * npm run screenshot [-- --url URL] [--out FILE] [--width 1280] [--height 720] [--timeout 240000]
 *
 * Starts `next start` on a free loopback port (needs a prior `next build`) unless --url is given, opens
 * Debian's Chromium (/usr/bin/chromium, SwiftShader WebGL) with playwright-core, waits until the world has
 * drawn, saves the PNG (default public/screenshot.png) and exits, stopping the server it started.
 *
 * "Drawn": when the page exposes window.voxel.getMetrics() (debug flag), until chunks are loaded and the
 * loading queue is empty; in every case until at least MIN_GROUND_SHARE of the pixels differ from the sky
 * colour and that share changed by less than STABLE_DELTA over the last STABLE_SAMPLES samples.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';

import { CHROMIUM, CHROMIUM_ARGS, SKY_RGB as SKY } from './chromium';
/** A pixel is "not sky" when a channel differs from SKY by more than this. */
const SKY_TOLERANCE = 20;
const MIN_GROUND_SHARE = 0.2;
const STABLE_SAMPLES = 3;
const STABLE_DELTA = 0.01;
const SAMPLE_INTERVAL_MS = 1500;
const ROOT = path.resolve(__dirname, '..');

interface Options {
  url: string | null;
  out: string;
  width: number;
  height: number;
  timeoutMs: number;
}

function fail(message: string): never {
  console.error(`screenshot: ${message}`);
  process.exit(1);
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { url: null, out: path.join(ROOT, 'public', 'screenshot.png'), width: 1280, height: 720, timeoutMs: 240_000 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    const needValue = () => {
      if (value === undefined) fail(`${arg} needs a value`);
      i++;
      return value;
    };
    const int = (name: string, min: number, max: number) => {
      const v = Number(needValue());
      if (!Number.isInteger(v) || v < min || v > max) fail(`${name} must be an integer in [${min}, ${max}], got ${value}`);
      return v;
    };
    switch (arg) {
      case '--url': {
        const u = needValue();
        try {
          new URL(u);
        } catch {
          fail(`--url must be an absolute URL, got ${u}`);
        }
        opts.url = u;
        break;
      }
      case '--out':
        opts.out = path.resolve(needValue());
        break;
      case '--width':
        opts.width = int('--width', 64, 4096);
        break;
      case '--height':
        opts.height = int('--height', 64, 4096);
        break;
      case '--timeout':
        opts.timeoutMs = int('--timeout', 1000, 3_600_000);
        break;
      default:
        fail(`unknown argument ${arg} (allowed: --url, --out, --width, --height, --timeout)`);
    }
  }
  return opts;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const nextBin = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
  // Own process group so the server and its children stop together.
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) fail(`next start exited with code ${child.exitCode} (did \`next build\` run?):\n${output.trim()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return { url, child };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  stopServer(child);
  fail(`next start did not answer on ${url} within 60 s:\n${output.trim()}`);
}

function stopServer(child: ChildProcess): void {
  if (child.exitCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
}

/** Share of screenshot pixels that are not sky, decoded by the browser itself. */
async function groundShare(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(
    async ({ b64, sky, tol }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d');
      if (!ctx) return 0;
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, img.width, img.height).data;
      let ground = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i] - sky[0]) > tol || Math.abs(data[i + 1] - sky[1]) > tol || Math.abs(data[i + 2] - sky[2]) > tol) ground++;
      }
      return ground / (data.length / 4);
    },
    { b64: png.toString('base64'), sky: [...SKY], tol: SKY_TOLERANCE },
  );
}

interface MetricsLike {
  loadedChunkCount?: number;
  loadingQueueSize?: number;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const server = opts.url ? null : await startServer();
  const url = opts.url ?? server!.url;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  let exitCode = 0;
  try {
    const page = await browser.newPage({ viewport: { width: opts.width, height: opts.height } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text().slice(0, 300)}`);
    });
    const started = Date.now();
    await page.goto(url, { waitUntil: 'load' });
    // Hide the controls panel (it stays until the first click on the world, which exists once the canvas does).
    await page.waitForSelector('canvas', { timeout: opts.timeoutMs });
    await page.mouse.click(5, 5);
    const shares: number[] = [];
    let png: Buffer | null = null;
    while (Date.now() - started < opts.timeoutMs) {
      await sleep(SAMPLE_INTERVAL_MS);
      const metrics = (await page.evaluate(() => {
        const v = (window as unknown as { voxel?: { getMetrics?: () => unknown } }).voxel;
        return v?.getMetrics ? v.getMetrics() : null;
      })) as MetricsLike | null;
      png = await page.screenshot({ type: 'png' });
      const share = await groundShare(page, png);
      shares.push(share);
      const recent = shares.slice(-STABLE_SAMPLES);
      const stable =
        recent.length === STABLE_SAMPLES && Math.max(...recent) - Math.min(...recent) < STABLE_DELTA && share >= MIN_GROUND_SHARE;
      const metricsDone = !metrics || ((metrics.loadedChunkCount ?? 0) > 0 && metrics.loadingQueueSize === 0);
      console.log(
        `screenshot: ${((Date.now() - started) / 1000).toFixed(1)} s, non-sky pixels ${(share * 100).toFixed(1)}%` +
          (metrics ? `, chunks ${metrics.loadedChunkCount}, queue ${metrics.loadingQueueSize}` : ''),
      );
      if (stable && metricsDone) break;
    }
    const last = shares[shares.length - 1] ?? 0;
    if (!png || last < MIN_GROUND_SHARE) {
      exitCode = 1;
      console.error(`screenshot: the world did not draw within ${opts.timeoutMs} ms (non-sky pixels ${(last * 100).toFixed(1)}%)`);
    } else {
      mkdirSync(path.dirname(opts.out), { recursive: true });
      await page.screenshot({ path: opts.out, type: 'png' });
      console.log(`screenshot: saved ${path.relative(process.cwd(), opts.out) || opts.out}`);
    }
    for (const p of problems.slice(0, 10)) console.warn(`screenshot: ${p}`);
  } finally {
    await browser.close();
    if (server) stopServer(server.child);
  }
  process.exit(exitCode);
}

main().catch((error) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
