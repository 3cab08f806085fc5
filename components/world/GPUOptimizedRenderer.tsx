'use client';
/**
 * GPUOptimizedRenderer: mounts a ChunkMeshRenderer's group into the R3F scene and drives the camera from
 * the fly controller each frame, relative to the floating origin (utils/render/floatingOrigin.ts):
 * when the player is more than REBASE_DISTANCE blocks from the origin, the origin moves to them and every
 * chunk mesh is re-placed. The per-frame path reads vanilla objects only (no React state, no allocation).
 *
 * Frame timing (optional `perf`): PerformanceMonitor.beginFrame() first thing in the frame, endFrame() from
 * the scene's onAfterRender (the end of three's render call), so the frame's work spans the player, the
 * streaming update and the render submission. `frameCost` (summed by the world steps) carries the
 * streaming's ms since the previous frame: the manager's mainThreadMs (updates + result callbacks) and the
 * wall time of the steps inside this frame (`updateMs`); the rest ran between frames and is added to the
 * frame's work.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { createQuadGeometry, type ChunkMeshRenderer } from '@/utils/render/ChunkMeshRenderer';
import type { FlyController } from '@/utils/render/FlyController';
import { REBASE_DISTANCE, rebaseOrigin } from '@/utils/render/floatingOrigin';
import type { PerformanceMonitor } from '@/utils/performance/PerformanceMonitor';

/** Streaming cost since the previous frame ended (ms), summed by the world steps; reset at each frame end. */
export interface FrameCost {
  /** Sum of the manager's mainThreadMs over the steps since the previous frame (updates plus result callbacks). */
  streamingMs: number;
  /** Wall time of the world steps taken inside this frame (beforeFrame). */
  updateMs: number;
}

export interface GPUOptimizedRendererProps {
  meshRenderer: ChunkMeshRenderer;
  player: FlyController;
  /** Camera far plane (blocks): at the fog end, where everything is sky coloured. */
  farDistance: number;
  /** Runs first in every frame with the frame delta (s): move the player, update the world. */
  beforeFrame?: (deltaSeconds: number) => void;
  perf?: PerformanceMonitor;
  frameCost?: FrameCost;
}

export function GPUOptimizedRenderer({ meshRenderer, player, farDistance, beforeFrame, perf, frameCost }: GPUOptimizedRendererProps) {
  const scene = useThree((s) => s.scene);
  const camera = useThree((s) => s.camera);
  const gl = useThree((s) => s.gl);
  const beforeFrameRef = useRef(beforeFrame);
  const origin = useRef({ x: 0, y: 0, z: 0 });

  useLayoutEffect(() => {
    beforeFrameRef.current = beforeFrame;
  }, [beforeFrame]);

  useEffect(() => {
    scene.add(meshRenderer.group);
    return () => {
      scene.remove(meshRenderer.group);
    };
  }, [scene, meshRenderer]);

  // Compile the three chunk programs (solid, cutout, water) before they are first needed: compiling one
  // when its first chunk appears mid-flight blocks the main thread (~0.5 s under software WebGL).
  useEffect(() => {
    const warm = new THREE.Scene();
    const geometries: THREE.BufferGeometry[] = [];
    const m = meshRenderer.materials;
    for (const material of [m.solid, m.cutout, m.translucent]) {
      const geometry = createQuadGeometry(new Uint32Array(2), 0, 1);
      geometries.push(geometry);
      warm.add(new THREE.Mesh(geometry, material));
    }
    gl.compile(warm, camera, scene);
    for (const g of geometries) g.dispose();
  }, [gl, camera, scene, meshRenderer]);

  useEffect(() => {
    camera.rotation.order = 'YXZ';
    if (camera instanceof THREE.PerspectiveCamera) {
      camera.near = 0.1;
      camera.far = farDistance;
      camera.updateProjectionMatrix();
    }
  }, [camera, farDistance]);

  useEffect(() => {
    if (!perf) return;
    const previous = scene.onAfterRender;
    scene.onAfterRender = () => {
      const streaming = frameCost ? frameCost.streamingMs : 0;
      const outside = frameCost ? Math.max(0, frameCost.streamingMs - frameCost.updateMs) : 0;
      perf.endFrame(streaming, outside);
      if (frameCost) frameCost.streamingMs = frameCost.updateMs = 0;
    };
    return () => {
      scene.onAfterRender = previous;
    };
  }, [scene, perf, frameCost]);

  useFrame((_, delta) => {
    perf?.beginFrame();
    beforeFrameRef.current?.(delta);
    const p = player.position;
    const o = meshRenderer.getOrigin(origin.current);
    if (rebaseOrigin(o, p, REBASE_DISTANCE)) meshRenderer.setOrigin(o.x, o.y, o.z);
    camera.position.set(p.x - o.x, p.y - o.y, p.z - o.z);
    camera.rotation.set(player.pitch, player.yaw, 0, 'YXZ');
  });

  return null;
}

export default GPUOptimizedRenderer;
