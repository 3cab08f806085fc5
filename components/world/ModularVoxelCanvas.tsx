'use client';
/**
 * ModularVoxelCanvas: the R3F <Canvas> with the voxel world. Client only (loaded with ssr: false).
 *
 * On mount it creates the renderer sink (ChunkMeshRenderer), the world engine (streaming) and the fly
 * controller, and disposes all three on unmount. Each frame (GPUOptimizedRenderer.beforeFrame): the
 * controller integrates the keys, then the engine's update gets the player's position, velocity,
 * delta and view direction; then the camera follows relative to the floating origin. When frames stall
 * (GPU-bound), a timer takes these steps in between (see STALL_STEP_MS). The per-frame path
 * reads vanilla objects only; React state changes only on events (first click, key T, store updates a
 * few times a second).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type * as THREE from 'three';
import { Canvas, useThree } from '@react-three/fiber';
import { createWorldEngine, type WorldEngine } from '@/components/world/worldEngine';
import { GPUOptimizedRenderer, type FrameCost } from '@/components/world/GPUOptimizedRenderer';
import { LoadingScreen } from '@/components/ui/LoadingScreen';
import type { PerformanceMonitor } from '@/utils/performance/PerformanceMonitor';
import type { ChunkStreamingConfig } from '@/config/streamingConfig';
import { useWorldStore } from '@/store/worldStore';
import { DEFAULT_STREAMING_CONFIG } from '@/config/streamingConfig';
import { ChunkMeshRenderer } from '@/utils/render/ChunkMeshRenderer';
import { FlyController } from '@/utils/render/FlyController';
import { SKY_COLOR, fogRangeForLoadDistance } from '@/utils/render/chunkMaterial';

/** ms without a frame after which the stall timer steps the world (a bit over two 60 Hz frames). */
const STALL_STEP_MS = 34;
/** ms between the stall timer's checks (a step then runs at most this late; ~60 steps/s while stalled). */
const STALL_CHECK_MS = 16;

/** Camera pitch at spawn (radians, negative looks down a little at the terrain). */
const SPAWN_PITCH = -0.3;

export interface VoxelWorld {
  readonly engine: WorldEngine;
  readonly player: FlyController;
  readonly meshRenderer: ChunkMeshRenderer;
  /** Load radius (blocks) the fog and far plane were set from. */
  readonly loadDistance: number;
}

/** What the engine is created with (from the feature flags); a new object rebuilds the world. */
export interface WorldEngineSettings {
  config?: Partial<ChunkStreamingConfig>;
  /** false: a fixed area around spawn, no streaming. */
  streaming?: boolean;
}

export interface ModularVoxelCanvasProps {
  /** Called once the world exists (e.g. to install a debug API); may return a cleanup run before disposal. */
  onWorldReady?: (world: VoxelWorld) => (() => void) | void;
  /** Engine config; when it changes (a new object) the world is disposed and created again. */
  settings?: WorldEngineSettings;
  /** Frame timing (frame intervals, frame work, streaming ms, long tasks). */
  perf?: PerformanceMonitor;
  /** The three.js renderer once the canvas exists (e.g. for renderer.info). */
  onRenderer?: (gl: THREE.WebGLRenderer, camera: THREE.Camera) => void;
}

const CONTROLS: readonly (readonly [string, string])[] = [
  ['Click', 'capture the mouse'],
  ['Mouse', 'look around'],
  ['W A S D', 'fly'],
  ['Space / Shift', 'up / down'],
  ['Ctrl (hold)', 'sprint'],
  ['T', 'travel speed 50 / 100 / 200 / normal'],
  ['Esc', 'release the mouse'],
  ['F3', 'streaming overlay'],
];

function hasWebGL2(): boolean {
  try {
    const canvas = document.createElement('canvas');
    return !!canvas.getContext('webgl2');
  } catch {
    return false;
  }
}

/** The engine's resolved load radius when it exposes its config, else the default (blocks). */
function engineLoadDistance(engine: WorldEngine): number {
  const d = (engine as unknown as { system?: { config?: { loadDistance?: unknown } } }).system?.config?.loadDistance;
  return typeof d === 'number' && Number.isFinite(d) && d >= 32 ? d : DEFAULT_STREAMING_CONFIG.loadDistance;
}

function createWorld(settings: WorldEngineSettings): VoxelWorld {
  const meshRenderer = new ChunkMeshRenderer();
  let engine: WorldEngine;
  try {
    engine = createWorldEngine({ sink: meshRenderer, config: settings.config, streaming: settings.streaming });
  } catch (error) {
    meshRenderer.dispose();
    throw error;
  }
  const loadDistance = engineLoadDistance(engine);
  meshRenderer.setLoadDistance(loadDistance);
  const s = engine.spawn;
  const player = new FlyController(s.x, s.y, s.z, 0, SPAWN_PITCH);
  return { engine, player, meshRenderer, loadDistance };
}

const NO_SETTINGS: WorldEngineSettings = {};

export default function ModularVoxelCanvas({ onWorldReady, settings = NO_SETTINGS, perf, onRenderer }: ModularVoxelCanvasProps) {
  const [world, setWorld] = useState<VoxelWorld | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const [started, setStarted] = useState(false);
  const [speed, setSpeed] = useState<number | null>(null);
  const status = useWorldStore((s) => s.status);
  const errorMessage = useWorldStore((s) => s.errorMessage);
  const loading = useWorldStore((s) => s.loading);

  useEffect(() => {
    if (!hasWebGL2()) {
      setStartError('This browser cannot create a WebGL2 context, which the voxel world needs.');
      return;
    }
    let created: VoxelWorld;
    try {
      created = createWorld(settings);
    } catch (error) {
      setStartError(`The world could not start: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const cleanup = onWorldReady?.(created);
    setWorld(created);
    return () => {
      if (typeof cleanup === 'function') cleanup();
      created.engine.dispose();
      created.meshRenderer.dispose();
      setWorld(null);
    };
  }, [onWorldReady, settings]);
  const frameCost = useMemo<FrameCost>(() => ({ streamingMs: 0, updateMs: 0 }), []);

  // Event-driven HUD: the travel speed shows after T/Ctrl changes it (not per frame).
  useEffect(() => {
    if (!world) return;
    const player = world.player;
    const onKey = (e: KeyboardEvent) => {
      if (e.code === 'KeyT' || e.code === 'ControlLeft' || e.code === 'ControlRight') {
        // the controller handles the key in its own listener; read the result after it ran
        queueMicrotask(() => setSpeed(player.speed));
      }
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keyup', onKey);
    };
  }, [world]);

  // One world step (player, then streaming) on the performance.now() clock, from the frame or the stall timer.
  const lastStepMs = useRef(NaN);
  const step = useCallback(
    (inFrame: boolean) => {
      if (!world) return;
      const now = performance.now();
      const dt = Number.isNaN(lastStepMs.current) ? 0 : (now - lastStepMs.current) / 1000;
      lastStepMs.current = now;
      const p = world.player;
      p.update(dt);
      world.engine.update(p.position, p.velocity, dt, p.view);
      frameCost.streamingMs += world.engine.system.manager.lastFrameMainThreadMs;
      if (inFrame) frameCost.updateMs += performance.now() - now;
    },
    [world, frameCost],
  );
  const beforeFrame = useCallback(() => step(true), [step]);

  // Rendering can stall while the main thread is idle (GPU-bound frames, e.g. software WebGL at a few
  // frames per second): the world then keeps moving and streaming on a timer, stepping whenever no frame
  // has stepped it for STALL_STEP_MS. With frames at the display rate the timer never steps.
  useEffect(() => {
    if (!world) return;
    lastStepMs.current = NaN;
    const timer = window.setInterval(() => {
      if (performance.now() - lastStepMs.current >= STALL_STEP_MS) step(false);
    }, STALL_CHECK_MS);
    return () => window.clearInterval(timer);
  }, [world, step]);

  // Fog is radial and complete at fogFar, so nothing past a far plane at fogFar (planar depth <= radial
  // distance) could be seen: the plane culls fully fogged chunks for free.
  const farDistance = world ? fogRangeForLoadDistance(world.loadDistance).far + 1 : 300;
  const shownError = startError ?? (status === 'error' ? errorMessage ?? 'The world stopped with an error.' : null);

  return (
    <div className="voxel-root" onPointerDown={() => setStarted(true)}>
      {world && (
        <Canvas
          className="voxel-canvas"
          flat
          dpr={[1, 1.5]}
          gl={{ antialias: false, alpha: false, stencil: false, powerPreference: 'high-performance' }}
          camera={{ fov: 75, near: 0.1, far: farDistance, position: [0, 0, 0] }}
          onCreated={(state) => onRenderer?.(state.gl, state.camera)}
        >
          <color attach="background" args={[SKY_COLOR]} />
          <GPUOptimizedRenderer
            meshRenderer={world.meshRenderer}
            player={world.player}
            farDistance={farDistance}
            beforeFrame={beforeFrame}
            perf={perf}
            frameCost={frameCost}
          />
          <FlyControls player={world.player} />
        </Canvas>
      )}
      <div className="voxel-crosshair" aria-hidden="true" />
      {speed !== null && <div className="voxel-speed">{speed} blocks/s</div>}
      <LoadingScreen
        error={shownError}
        loading={loading}
        worldStarted={world !== null}
        dismissed={started}
        controls={CONTROLS}
      />
    </div>
  );
}

/** Attaches the fly controls to the canvas element; the effect cleanup detaches every listener. */
function FlyControls({ player }: { player: FlyController }) {
  const element = useThree((s) => s.gl.domElement);
  useEffect(() => player.attach(element), [player, element]);
  return null;
}
