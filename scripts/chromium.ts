/**
 * How the project drives Debian's Chromium (browser tests, screenshot, browser benchmark): the system
 * binary through playwright-core, software WebGL2 (SwiftShader), no background network traffic.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
/** Sky colour (sRGB), as SKY_COLOR in utils/render/chunkMaterial.ts: screenshots are checked against it. */
export const SKY_RGB = [0x9c, 0xc9, 0xf0] as const;
