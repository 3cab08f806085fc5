/**
 * Shared by the browser tests (run.ts) and the browser benchmark (bench/browserBench.ts): `next build`
 * (unless E2E_SKIP_BUILD=1), `next start` on a free loopback port in its own process group, Debian's
 * Chromium (/usr/bin/chromium, SwiftShader WebGL) through playwright-core, a page that records console
 * errors, and helpers to wait for the world.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '..', '..');
export const TRACES_DIR = path.resolve(ROOT, '..', 'shared', 'traces');
export const RESULTS_DIR = path.join(ROOT, 'test-results');
import { CHROMIUM, CHROMIUM_ARGS, SKY_RGB } from '../../scripts/chromium';

export { CHROMIUM, CHROMIUM_ARGS, SKY_RGB };
/** Small viewport: SwiftShader renders in software (the full 1280x720 world runs at ~0.2 fps here). */
export const VIEWPORT = { width: 480, height: 270 };

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function readTrace(name: string): unknown {
  return JSON.parse(readFileSync(path.join(TRACES_DIR, `${name}.json`), 'utf8'));
}

/** `next build` in the project (skipped with E2E_SKIP_BUILD=1, e.g. in CI right after its own build). */
export function buildIfNeeded(log: (s: string) => void): void {
  if (process.env.E2E_SKIP_BUILD === '1') {
    log('E2E_SKIP_BUILD=1: using the existing build');
    return;
  }
  log('next build …');
  const nextBin = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
  const r = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (r.status !== 0) throw new Error(`next build failed with exit code ${r.status}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

export interface Server {
  url: string;
  stop(): void;
}

/** `next start` on 127.0.0.1:<free port>; resolves when it answers. */
export async function startServer(): Promise<Server> {
  const port = await freePort();
  const nextBin = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
  const child: ChildProcess = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: ROOT,
    detached: true, // own process group: stop() ends the server and its children together
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const stop = () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
  };
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode} (did next build run?):\n${output.trim()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return { url, stop };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  stop();
  throw new Error(`next start did not answer on ${url} within 60 s:\n${output.trim()}`);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Console errors and uncaught page errors, per page. */
export function watchErrors(page: Page, into: string[]): void {
  page.on('pageerror', (e) => into.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') into.push(`console error: ${m.text().slice(0, 400)}`);
  });
}

export interface WorldState {
  status: string;
  loading: { ready: number; needed: number; complete: boolean; initialLoadMs: number | null };
  flags: Record<string, string | number | boolean>;
}

/** Waits until window.voxel exists and the initial load is complete; returns the store state. */
export async function waitForWorld(page: Page, timeoutMs = 150_000): Promise<WorldState> {
  await page.waitForFunction(
    () => {
      const v = (window as unknown as { voxel?: { state(): WorldState } }).voxel;
      return !!v && v.state().loading.complete && v.state().status === 'running';
    },
    null,
    { timeout: timeoutMs, polling: 250 },
  );
  return page.evaluate(() => (window as unknown as { voxel: { state(): WorldState } }).voxel.state());
}

/** Share of pixels of a PNG near the sky colour and far from it, and the number of distinct colours (decoded by the page). */
export async function colourStats(page: Page, png: Buffer): Promise<{ sky: number; ground: number; colours: number }> {
  return page.evaluate(
    async ({ b64, sky }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d');
      if (!ctx) return { sky: 0, ground: 0, colours: 0 };
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, img.width, img.height).data;
      let skyN = 0;
      let groundN = 0;
      const colours = new Set<number>();
      for (let i = 0; i < d.length; i += 4) {
        const dr = Math.abs(d[i] - sky[0]);
        const dg = Math.abs(d[i + 1] - sky[1]);
        const db = Math.abs(d[i + 2] - sky[2]);
        if (dr <= 12 && dg <= 12 && db <= 12) skyN++;
        else if (dr > 40 || dg > 40 || db > 40) groundN++;
        colours.add(((d[i] >> 3) << 10) | ((d[i + 1] >> 3) << 5) | (d[i + 2] >> 3));
      }
      const n = d.length / 4;
      return { sky: skyN / n, ground: groundN / n, colours: colours.size };
    },
    { b64: png.toString('base64'), sky: [...SKY_RGB] },
  );
}
