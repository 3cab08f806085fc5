/**
 * Block registry. Ids are stable: they are stored in chunk voxels (Uint16Array, id 0 = air)
 * and in cached/compressed chunk bytes, so never renumber an existing block.
 *
 * Faces are numbered 0..5 = +x, -x, +y, -y, +z, -z (see ../shared/streaming-spec.md);
 * `textures[face]` is the layer of the block-texture DataArrayTexture drawn on that face.
 *
 * Culling rule (spec): the face of block A toward its neighbour B is drawn iff
 * A is not air, B is not opaque, and B !== A.
 */

/** Texture layers of the block DataArrayTexture, in layer order (layer = index). */
export const TEXTURE_LAYERS = [
  'stone', // 0
  'dirt', // 1
  'grass_top', // 2
  'grass_side', // 3
  'sand', // 4
  'gravel', // 5
  'snow', // 6
  'water', // 7
  'log_side', // 8
  'log_top', // 9
  'leaves', // 10
  'coal_ore', // 11
  'iron_ore', // 12
  'gold_ore', // 13
  'diamond_ore', // 14
  'snow_side', // 15
] as const;

export type TextureLayerName = (typeof TEXTURE_LAYERS)[number];

/**
 * How a block is drawn: `opaque` in the solid pass; `cutout` (leaves) in the solid pass
 * with alpha test; `translucent` (water) blended, after all solid geometry.
 */
export type RenderPass = 'none' | 'opaque' | 'cutout' | 'translucent';

export interface BlockDefinition {
  readonly id: number;
  readonly name: string;
  /** Hides the faces of its neighbours (culling rule). Air, water and leaves are not opaque. */
  readonly opaque: boolean;
  readonly renderPass: RenderPass;
  /** Texture layer per face, in face order +x, -x, +y, -y, +z, -z. */
  readonly textures: readonly [number, number, number, number, number, number];
}

const layer = (name: TextureLayerName): number => TEXTURE_LAYERS.indexOf(name);
const all = (name: TextureLayerName) => {
  const l = layer(name);
  return [l, l, l, l, l, l] as const;
};
const sidesTopBottom = (side: TextureLayerName, top: TextureLayerName, bottom: TextureLayerName) => {
  const s = layer(side);
  return [s, s, layer(top), layer(bottom), s, s] as const;
};

export const BlockId = {
  AIR: 0,
  STONE: 1,
  DIRT: 2,
  GRASS: 3,
  SAND: 4,
  GRAVEL: 5,
  SNOW: 6,
  WATER: 7,
  WOOD: 8,
  LEAVES: 9,
  COAL_ORE: 10,
  IRON_ORE: 11,
  GOLD_ORE: 12,
  DIAMOND_ORE: 13,
} as const;

export const BLOCKS: readonly BlockDefinition[] = [
  { id: BlockId.AIR, name: 'air', opaque: false, renderPass: 'none', textures: all('stone') },
  { id: BlockId.STONE, name: 'stone', opaque: true, renderPass: 'opaque', textures: all('stone') },
  { id: BlockId.DIRT, name: 'dirt', opaque: true, renderPass: 'opaque', textures: all('dirt') },
  {
    id: BlockId.GRASS,
    name: 'grass',
    opaque: true,
    renderPass: 'opaque',
    textures: sidesTopBottom('grass_side', 'grass_top', 'dirt'),
  },
  { id: BlockId.SAND, name: 'sand', opaque: true, renderPass: 'opaque', textures: all('sand') },
  { id: BlockId.GRAVEL, name: 'gravel', opaque: true, renderPass: 'opaque', textures: all('gravel') },
  {
    id: BlockId.SNOW,
    name: 'snow',
    opaque: true,
    renderPass: 'opaque',
    textures: sidesTopBottom('snow_side', 'snow', 'dirt'),
  },
  { id: BlockId.WATER, name: 'water', opaque: false, renderPass: 'translucent', textures: all('water') },
  {
    id: BlockId.WOOD,
    name: 'wood',
    opaque: true,
    renderPass: 'opaque',
    textures: sidesTopBottom('log_side', 'log_top', 'log_top'),
  },
  { id: BlockId.LEAVES, name: 'leaves', opaque: false, renderPass: 'cutout', textures: all('leaves') },
  { id: BlockId.COAL_ORE, name: 'coal_ore', opaque: true, renderPass: 'opaque', textures: all('coal_ore') },
  { id: BlockId.IRON_ORE, name: 'iron_ore', opaque: true, renderPass: 'opaque', textures: all('iron_ore') },
  { id: BlockId.GOLD_ORE, name: 'gold_ore', opaque: true, renderPass: 'opaque', textures: all('gold_ore') },
  {
    id: BlockId.DIAMOND_ORE,
    name: 'diamond_ore',
    opaque: true,
    renderPass: 'opaque',
    textures: all('diamond_ore'),
  },
];

/** Number of block ids in use; every id in 0..BLOCK_COUNT-1 has an entry. */
export const BLOCK_COUNT = BLOCKS.length;

for (let i = 0; i < BLOCKS.length; i++) {
  if (BLOCKS[i].id !== i) throw new Error(`blocks: BLOCKS[${i}] has id ${BLOCKS[i].id}; ids must equal their index`);
}

/** Opacity per id as a lookup table (index = block id) for per-voxel code. Ids past the table are treated as opaque. */
export const OPAQUE_TABLE: Uint8Array = (() => {
  const t = new Uint8Array(65536).fill(1);
  t[0] = 0;
  for (const b of BLOCKS) t[b.id] = b.opaque ? 1 : 0;
  return t;
})();

/** 1 for ids drawn in the translucent pass (water), index = block id. */
export const TRANSLUCENT_TABLE: Uint8Array = (() => {
  const t = new Uint8Array(65536);
  for (const b of BLOCKS) t[b.id] = b.renderPass === 'translucent' ? 1 : 0;
  return t;
})();

/** Texture layer per (id, face): index = id * 6 + face. Unknown ids draw as stone. */
export const FACE_LAYER_TABLE: Uint16Array = (() => {
  const t = new Uint16Array(65536 * 6);
  for (const b of BLOCKS) for (let f = 0; f < 6; f++) t[b.id * 6 + f] = b.textures[f];
  return t;
})();

/** True when the block hides the faces of its neighbours. Air (0) is not opaque. */
export function isOpaque(id: number): boolean {
  return OPAQUE_TABLE[id & 0xffff] === 1;
}

export function isTranslucent(id: number): boolean {
  return TRANSLUCENT_TABLE[id & 0xffff] === 1;
}
