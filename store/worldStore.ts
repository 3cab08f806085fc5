/**
 * World store: a zustand vanilla store (usable without React) plus React hooks.
 *
 * Holds the loaded-chunk map (the chunks handed to the renderer, mutated in place by the store
 * sink; `chunkRevision` tells subscribers it changed, bumped at most once per frame) and the
 * low-frequency state the UI needs (loading progress, metric snapshots a few times a second,
 * flags and warnings). Per-frame code reads `worldStore.getState()` and never sets React state.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ChunkMesh, ChunkRenderSink } from '@/types/streaming';

export interface RenderedChunkInfo {
  readonly key: string;
  readonly cx: number;
  readonly cy: number;
  readonly cz: number;
  quadCount: number;
}

export interface LoadingState {
  ready: number;
  needed: number;
  complete: boolean;
  initialLoadMs: number | null;
}

export type WorldStatus = 'starting' | 'loading' | 'running' | 'error';

export interface WorldState {
  /** Chunks whose meshes are in the renderer. Same Map instance for the store's lifetime. */
  readonly chunks: Map<string, RenderedChunkInfo>;
  chunkRevision: number;
  status: WorldStatus;
  /** A message for the player when status is 'error' (no WebGL2, worker failed to start...). */
  errorMessage: string | null;
  loading: LoadingState;
  /** Visible warnings (invalid flags, failed chunks), newest last; at most MAX_WARNINGS. */
  warnings: string[];
  /** Resolved feature flags, for the overlay. */
  flags: Record<string, string | number | boolean>;
  setStatus(status: WorldStatus, errorMessage?: string | null): void;
  setLoading(loading: LoadingState): void;
  addWarning(message: string): void;
  setFlags(flags: Record<string, string | number | boolean>): void;
  /** Publishes chunk-map changes made since the last call (one notification per frame at most). */
  commitChunks(): void;
}

export const MAX_WARNINGS = 20;

export type WorldStore = ReturnType<typeof createWorldStore>;

export function createWorldStore() {
  let chunksDirty = false;
  const store = createStore<WorldState>()((set, get) => ({
    chunks: new Map(),
    chunkRevision: 0,
    status: 'starting',
    errorMessage: null,
    loading: { ready: 0, needed: 0, complete: false, initialLoadMs: null },
    warnings: [],
    flags: {},
    setStatus: (status, errorMessage = null) => set({ status, errorMessage }),
    setLoading: (loading) => {
      const cur = get().loading;
      if (
        cur.ready === loading.ready &&
        cur.needed === loading.needed &&
        cur.complete === loading.complete &&
        cur.initialLoadMs === loading.initialLoadMs
      ) {
        return; // no work when nothing changed
      }
      set({ loading: { ...loading } });
    },
    addWarning: (message) => {
      const w = get().warnings;
      if (w[w.length - 1] === message) return;
      set({ warnings: [...w, message].slice(-MAX_WARNINGS) });
    },
    setFlags: (flags) => set({ flags: { ...flags } }),
    commitChunks: () => {
      if (!chunksDirty) return;
      chunksDirty = false;
      set({ chunkRevision: get().chunkRevision + 1 });
    },
  }));
  const markDirty = () => {
    chunksDirty = true;
  };
  return Object.assign(store, { markChunksDirty: markDirty });
}

/**
 * A render sink that records chunks in the store's map and forwards them to the real renderer.
 * Listeners registered with `subscribeChunks` hear every add/remove synchronously.
 */
export function createStoreSink(store: WorldStore, renderer: ChunkRenderSink): ChunkRenderSink {
  return {
    addChunk(key: string, cx: number, cy: number, cz: number, mesh: ChunkMesh) {
      renderer.addChunk(key, cx, cy, cz, mesh);
      const chunks = store.getState().chunks;
      const info = chunks.get(key);
      if (info) info.quadCount = mesh.quadCount;
      else chunks.set(key, { key, cx, cy, cz, quadCount: mesh.quadCount });
      store.markChunksDirty();
    },
    removeChunk(key: string) {
      renderer.removeChunk(key);
      if (store.getState().chunks.delete(key)) store.markChunksDirty();
    },
  };
}

/** The page's store (one world per page). */
export const worldStore = createWorldStore();

/** React hook over the page's store. */
export function useWorldStore<T>(selector: (state: WorldState) => T): T {
  return useStore(worldStore, selector);
}
