/**
 * Bundles a Node worker entry (default utils/workers/chunk.node-worker.ts) with esbuild into one
 * CommonJS file, so worker_threads run exactly the project's TypeScript (the '@/...' paths of
 * tsconfig.json resolved). Output: <os.tmpdir()>/voxel-node-workers/<entry name>-<content hash>.cjs,
 * written once per content (atomic rename, safe with concurrent processes) and reused.
 * Node only (tests and benchmarks); never imported by browser code.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The production Node worker entry. */
export const NODE_WORKER_ENTRY = path.resolve(HERE, '../chunk.node-worker.ts');

/** Nearest directory at or above `dir` holding a tsconfig.json (the project root). */
function findProjectRoot(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, 'tsconfig.json'))) return d;
    if (path.dirname(d) === d) throw new Error(`bundleNodeWorker: no tsconfig.json at or above ${dir}`);
  }
}

const cache = new Map<string, Promise<string>>();

/** Returns the path of the bundled worker file for `entry` (absolute path of a .ts entry). Cached per process. */
export function bundleNodeWorker(entry: string = NODE_WORKER_ENTRY): Promise<string> {
  const abs = path.resolve(entry);
  let p = cache.get(abs);
  if (p === undefined) {
    p = doBundle(abs);
    cache.set(abs, p);
    p.catch(() => cache.delete(abs));
  }
  return p;
}

async function doBundle(entry: string): Promise<string> {
  if (!existsSync(entry)) throw new Error(`bundleNodeWorker: entry ${entry} does not exist`);
  const root = findProjectRoot(path.dirname(entry));
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    absWorkingDir: root,
    tsconfig: path.join(root, 'tsconfig.json'),
    logLevel: 'silent',
    sourcemap: 'inline',
  });
  const text = result.outputFiles[0].text;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const dir = path.join(tmpdir(), 'voxel-node-workers');
  mkdirSync(dir, { recursive: true });
  const name = path.basename(entry).replace(/\.[cm]?tsx?$/, '');
  const file = path.join(dir, `${name}-${hash}.cjs`);
  if (!existsSync(file)) {
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  }
  return file;
}
