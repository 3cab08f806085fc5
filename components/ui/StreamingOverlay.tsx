'use client';
/**
 * The F3 debug overlay (`id="streaming-overlay"`), after Minecraft's F3 screen: where you are, frame
 * times, chunks, queues, workers, cache, memory, prediction, grade and alerts, two graphs, and the
 * settings of the flags that may change live. F3 toggles it.
 *
 * React renders it when it is toggled or a setting changes, never per frame: while shown, a timer
 * (REFRESH_MS) fills a reused snapshot, writes the text into a <pre> and redraws the graph canvas.
 */
import { useEffect, useRef, useState } from 'react';
import type * as THREE from 'three';
import type { VoxelWorld } from '@/components/world/ModularVoxelCanvas';
import type { PerformanceMonitor } from '@/utils/performance/PerformanceMonitor';
import type { FlagValues, LiveFlagName } from '@/utils/flags/featureFlags';
import { flagsRecord } from '@/utils/flags/featureFlags';
import { overlayLines } from './overlayFormat';
import { createOverlaySnapshot, fillOverlaySnapshot } from './overlaySnapshot';
import { drawOverlayGraphs, GRAPH_CANVAS_HEIGHT, GRAPH_WIDTH } from './overlayGraphs';
import { SettingsPanel } from './SettingsPanel';

/** ms between overlay refreshes (text and graphs). */
export const REFRESH_MS = 250;

export interface StreamingOverlayProps {
  world: VoxelWorld | null;
  perf: PerformanceMonitor;
  getCamera: () => THREE.Camera | null;
  flags: FlagValues;
  /** A live setting changed; returns an error message when the value is refused. */
  onLiveChange: (name: LiveFlagName, value: string) => string | null;
  /** Shown at start (e.g. `?debug=1` opens it); F3 toggles either way. */
  initiallyOpen?: boolean;
}

export function StreamingOverlay({ world, perf, getCamera, flags, onLiveChange, initiallyOpen = false }: StreamingOverlayProps) {
  const [open, setOpen] = useState(initiallyOpen);
  const textRef = useRef<HTMLPreElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.code !== 'F3' && e.key !== 'F3') return;
      e.preventDefault();
      if (!e.repeat) setOpen((o) => !o);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (!open || !world) return;
    const snapshot = createOverlaySnapshot();
    const record = flagsRecord(flags);
    const refresh = () => {
      fillOverlaySnapshot(snapshot, world, perf, getCamera(), record);
      if (textRef.current) textRef.current.textContent = overlayLines(snapshot).join('\n');
      if (canvasRef.current) drawOverlayGraphs(canvasRef.current, perf.frameMs, world.engine.system.monitor.queueLengths);
    };
    refresh();
    const timer = window.setInterval(refresh, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [open, world, perf, getCamera, flags]);

  if (!open) return null;
  return (
    <aside id="streaming-overlay" className="voxel-overlay" aria-label="Streaming debug overlay">
      <pre ref={textRef} className="voxel-overlay-text">
        {world ? '' : 'Starting the world…'}
      </pre>
      <canvas ref={canvasRef} width={GRAPH_WIDTH} height={GRAPH_CANVAS_HEIGHT} className="voxel-overlay-graphs" />
      <SettingsPanel flags={flags} onChange={onLiveChange} />
    </aside>
  );
}

export default StreamingOverlay;
