/**
 * Runs a benchmark CLI from an esbuild bundle of itself, so the engine code on the main thread runs as
 * the browser runs it (one bundle, direct bindings) rather than through tsx's per-module CommonJS
 * transform, where every read of an imported binding is a getter call (measured: ~0.5 ms per frame of
 * the streaming loop went to such getters). The worker threads already run a bundle.
 *
 * The entry module is bundled with `__BENCH_BUNDLED__ = true` and must export `main(argv)`; node
 * built-ins, esbuild and the worker bundler (which locates the worker sources by its own path) stay
 * external. Set VOXEL_BENCH_UNBUNDLED=1 to run the sources directly under tsx instead.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = path.resolve(__dirname, '../..');
const WORKER_BUNDLER = path.join(ROOT, 'utils/workers/node/bundleNodeWorker.ts');

const keepWorkerBundlerExternal: Plugin = {
  name: 'keep-worker-bundler-external',
  setup(b) {
    b.onResolve({ filter: /workers\/node\/bundleNodeWorker$/ }, () => ({ path: WORKER_BUNDLER, external: true }));
  },
};

/** Bundles `entry` (absolute .ts path) to an .mjs file in the temp dir (cached by content) and returns its path. */
export async function bundleBenchEntry(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    absWorkingDir: ROOT,
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    logLevel: 'silent',
    external: ['esbuild'],
    plugins: [keepWorkerBundlerExternal],
    define: { __BENCH_BUNDLED__: 'true' },
    // CommonJS dependencies inside an ESM bundle need require/__dirname.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; import { fileURLToPath as __fu } from 'node:url'; import { dirname as __dn } from 'node:path'; const require = __cr(import.meta.url); const __filename = __fu(import.meta.url); const __dirname = __dn(__filename);",
    },
  });
  const text = result.outputFiles[0].text;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  // Inside the project, so the bundle's external packages (esbuild) resolve from node_modules.
  const dir = path.join(ROOT, 'bench/.build');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${path.basename(entry).replace(/\.tsx?$/, '')}-${hash}.mjs`);
  if (!existsSync(file)) {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  }
  return file;
}

/**
 * CLI start of a benchmark entry: runs `main` from the bundle of `entry` (or `localMain` directly when
 * VOXEL_BENCH_UNBUNDLED=1), sets process.exitCode from its result.
 */
export function startBenchCli(
  entry: string,
  localMain: (argv: readonly string[]) => Promise<number>,
  name: string,
): void {
  const argv = process.argv.slice(2);
  const run = async (): Promise<number> => {
    if (process.env.VOXEL_BENCH_UNBUNDLED === '1') return localMain(argv);
    const file = await bundleBenchEntry(entry);
    const mod = (await import(pathToFileURL(file).href)) as { main: (argv: readonly string[]) => Promise<number> };
    return mod.main(argv);
  };
  run().then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      console.error(`${name}: run failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      process.exitCode = 1;
    },
  );
}
