'use client';
/**
 * The page's client app (loaded with ssr: false): resolves the feature flags once at start, creates the
 * frame monitor, and composes the world canvas, the F3 overlay, the warnings and, with `debug` on, the
 * `window.voxel` test API. A live setting from the overlay replaces the engine settings object, which
 * makes ModularVoxelCanvas dispose the world (workers terminated, geometries disposed) and create it again.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type * as THREE from 'three';
import ModularVoxelCanvas, { type VoxelWorld, type WorldEngineSettings } from '@/components/world/ModularVoxelCanvas';
import { useWorldStore, worldStore } from '@/store/worldStore';
import { PerformanceMonitor } from '@/utils/performance/PerformanceMonitor';
import {
  configFromFlags,
  flagsRecord,
  readBrowserFlagSources,
  resolveFlags,
  withLiveFlag,
  type FlagValues,
  type LiveFlagName,
  type ResolvedFlags,
} from '@/utils/flags/featureFlags';
import { installVoxelTestApi } from '@/utils/debug/voxelTestApi';
import { StreamingOverlay } from './StreamingOverlay';
import { WarningBanner } from './WarningBanner';

function settingsFromFlags(values: FlagValues): WorldEngineSettings {
  return { config: configFromFlags(values), streaming: values.streaming };
}

export default function VoxelApp() {
  const [resolved] = useState<ResolvedFlags>(() => resolveFlags(readBrowserFlagSources()));
  const [flags, setFlags] = useState<FlagValues>(resolved.values);
  const settings = useMemo(() => settingsFromFlags(flags), [flags]);
  const [perf] = useState(() => new PerformanceMonitor());
  const [world, setWorld] = useState<VoxelWorld | null>(null);
  const worldRef = useRef<VoxelWorld | null>(null);
  const glRef = useRef<THREE.WebGLRenderer | null>(null);
  const cameraRef = useRef<THREE.Camera | null>(null);
  const storeWarnings = useWorldStore((s) => s.warnings);
  const warnings = useMemo(() => [...resolved.warnings, ...storeWarnings], [resolved.warnings, storeWarnings]);

  useEffect(() => {
    for (const w of resolved.warnings) console.warn(w);
  }, [resolved.warnings]);

  useEffect(() => {
    worldStore.getState().setFlags(flagsRecord(flags));
  }, [flags]);

  useEffect(() => {
    const stop = perf.observeLongTasks();
    return () => {
      stop();
      perf.dispose();
    };
  }, [perf]);

  useEffect(() => {
    if (!flags.debug) return;
    return installVoxelTestApi({
      getWorld: () => worldRef.current,
      perf,
      geometryCount: () => (glRef.current ? glRef.current.info.memory.geometries : NaN),
    });
  }, [flags.debug, perf]);

  const onWorldReady = useCallback((w: VoxelWorld) => {
    worldRef.current = w;
    setWorld(w);
    return () => {
      if (worldRef.current === w) worldRef.current = null;
      setWorld((cur) => (cur === w ? null : cur));
    };
  }, []);

  const onRenderer = useCallback((gl: THREE.WebGLRenderer, camera: THREE.Camera) => {
    glRef.current = gl;
    cameraRef.current = camera;
  }, []);
  const getCamera = useCallback(() => cameraRef.current, []);

  const flagsRef = useRef(flags);
  flagsRef.current = flags;
  const onLiveChange = useCallback((name: LiveFlagName, value: string): string | null => {
    const r = withLiveFlag(flagsRef.current, name, value);
    if ('error' in r) return r.error;
    flagsRef.current = r.values;
    setFlags(r.values);
    return null;
  }, []);

  return (
    <>
      <ModularVoxelCanvas settings={settings} onWorldReady={onWorldReady} perf={perf} onRenderer={onRenderer} />
      <StreamingOverlay world={world} perf={perf} getCamera={getCamera} flags={flags} onLiveChange={onLiveChange} />
      <WarningBanner warnings={warnings} />
    </>
  );
}
