/**
 * Canvas graphs of the F3 overlay: the last 240 frame intervals (ms, from PerformanceMonitor.frameMs)
 * with the 16.7 ms (60 fps) and 33.3 ms (30 fps) lines, and the loading queue length per frame (from
 * StreamingPerformanceMonitor.queueLengths). Drawn a few times a second by the overlay; the point buffer
 * is module scratch (no allocation per draw apart from the label strings).
 */
import type { RingBuffer } from '@/utils/performance/metrics/RingBuffer';
import { graphPoints, niceCeiling } from './overlayFormat';

export const GRAPH_WIDTH = 240;
export const GRAPH_HEIGHT = 48;
const GAP = 14;
let points = new Float32Array(2 * 256);

function drawSeries(
  ctx: CanvasRenderingContext2D,
  ring: RingBuffer,
  top: number,
  label: string,
  unit: string,
  minCeiling: number,
  color: string,
  guides: readonly number[],
): void {
  const w = GRAPH_WIDTH;
  const h = GRAPH_HEIGHT;
  let max = 0;
  for (let i = 0; i < ring.count; i++) {
    const v = ring.at(i);
    if (v > max) max = v;
  }
  const ceiling = niceCeiling(max, minCeiling);
  if (points.length < ring.capacity * 2) points = new Float32Array(ring.capacity * 2);
  const n = graphPoints(ring.values, ring.head, ring.count, ring.capacity, ceiling, w, h, points);
  ctx.fillStyle = 'rgba(0, 0, 0, 0.35)';
  ctx.fillRect(0, top, w, h);
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.25)';
  ctx.lineWidth = 1;
  for (const g of guides) {
    if (g >= ceiling) continue;
    const y = top + h - (g / ceiling) * h + 0.5;
    ctx.beginPath();
    ctx.moveTo(0, y);
    ctx.lineTo(w, y);
    ctx.stroke();
  }
  if (n > 0) {
    ctx.strokeStyle = color;
    ctx.beginPath();
    ctx.moveTo(points[0], top + points[1]);
    for (let i = 1; i < n; i++) ctx.lineTo(points[i * 2], top + points[i * 2 + 1]);
    ctx.stroke();
  }
  ctx.fillStyle = '#f4f7fb';
  ctx.font = '10px ui-monospace, monospace';
  ctx.fillText(`${label} (max ${ceiling} ${unit})`, 3, top - 3);
}

/** Redraws both graphs on `canvas` (GRAPH_WIDTH x 2 * (GRAPH_HEIGHT + GAP) pixels). */
export function drawOverlayGraphs(canvas: HTMLCanvasElement, frameMs: RingBuffer, queueLengths: RingBuffer): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  drawSeries(ctx, frameMs, GAP, `frame time, last ${frameMs.capacity} frames`, 'ms', 20, '#7CFC8A', [1000 / 60, 1000 / 30]);
  drawSeries(ctx, queueLengths, GAP * 2 + GRAPH_HEIGHT, 'loading queue', 'chunks', 10, '#FFD36E', []);
}

export const GRAPH_CANVAS_HEIGHT = 2 * (GRAPH_HEIGHT + GAP);
