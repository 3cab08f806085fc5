/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // three.js ships ESM; nothing to transpile. Workers are bundled by Turbopack from
  // `new Worker(new URL('./x.worker.ts', import.meta.url), { type: 'module' })`.
};

module.exports = nextConfig;
