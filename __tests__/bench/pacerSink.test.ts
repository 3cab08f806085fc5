import { describe, expect, it } from 'vitest';
import { FRAME_MS, FramePacer, nextFrameSlot } from '@/bench/stream/pacer';
import { GpuStandInSink } from '@/bench/stream/gpuSink';
import { summarize3 } from '@/bench/stream/driver';

describe('nextFrameSlot', () => {
  it('is the following slot when the frame ended in time', () => {
    expect(nextFrameSlot(0, 0.5)).toBe(1);
    expect(nextFrameSlot(5, 5 * FRAME_MS + 3)).toBe(6);
    expect(nextFrameSlot(5, 6 * FRAME_MS - 1e-6)).toBe(6);
  });
  it('skips (drops) the slots a long frame ran past', () => {
    expect(nextFrameSlot(5, 6 * FRAME_MS + 0.1)).toBe(7);
    expect(nextFrameSlot(0, 100)).toBe(Math.floor(100 / FRAME_MS) + 1);
    expect(nextFrameSlot(2, 10, 4)).toBe(3);
    expect(nextFrameSlot(2, 12, 4)).toBe(4);
  });
});

describe('FramePacer (hand-stepped clock)', () => {
  it('resolves only once the clock reaches the deadline, yielding to the event loop meanwhile', async () => {
    let now = 0;
    const pacer = new FramePacer(() => now);
    let done = false;
    let turns = 0;
    const p = pacer.waitUntil(1).then(() => {
      done = true;
    });
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((r) => setImmediate(r));
      turns++;
    }
    expect(done).toBe(false);
    now = 1;
    await p;
    expect(done).toBe(true);
    expect(turns).toBe(5);
  });
  it('a past deadline still resolves asynchronously; overlapping waits are refused', async () => {
    const pacer = new FramePacer(() => 100);
    let done = false;
    const p = pacer.waitUntil(50).then(() => (done = true));
    expect(done).toBe(false);
    expect(() => pacer.waitUntil(60)).toThrow(/FramePacer: waitUntil called while a wait is pending/);
    await p;
    expect(done).toBe(true);
  });
});

describe('GpuStandInSink', () => {
  const mesh = (words: number[], quadCount: number) => ({ quads: Uint32Array.from(words), quadCount, solidQuadCount: quadCount });

  it('copies the quad words into its own buffer (caller may reuse its array)', () => {
    const sink = new GpuStandInSink();
    const m = mesh([7, 8, 9, 10], 2);
    sink.addChunk('0,0,0', 0, 0, 0, m);
    m.quads[0] = 99;
    expect(sink.checksum).toBe(7);
    expect(sink.getStats()).toMatchObject({ chunks: 1, buffers: 1, bytes: 16, uploads: 1, uploadedBytes: 16 });
  });

  it('uploads only quadCount quads of a longer buffer', () => {
    const sink = new GpuStandInSink();
    sink.addChunk('a', 0, 0, 0, mesh([1, 2, 3, 4, 5, 6], 1));
    expect(sink.getStats().bytes).toBe(8);
  });

  it('replacing frees the old buffer; removing frees; empty meshes hold no buffer', () => {
    const sink = new GpuStandInSink();
    sink.addChunk('a', 0, 0, 0, mesh([1, 2, 3, 4], 2));
    sink.addChunk('b', 1, 0, 0, mesh([], 0));
    sink.addChunk('a', 0, 0, 0, mesh([1, 2], 1));
    expect(sink.getStats()).toMatchObject({ chunks: 2, buffers: 1, bytes: 8, peakChunks: 2, peakBytes: 16, uploads: 3, uploadedBytes: 24 });
    sink.removeChunk('a');
    sink.removeChunk('a');
    sink.removeChunk('b');
    expect(sink.getStats()).toMatchObject({ chunks: 0, buffers: 0, bytes: 0, removes: 2 });
    expect(sink.has('a')).toBe(false);
  });

  it('rejects a mesh whose quadCount exceeds its words', () => {
    const sink = new GpuStandInSink();
    expect(() => sink.addChunk('k', 0, 0, 0, mesh([1, 2], 2))).toThrow(/GpuStandInSink: mesh of k has quadCount 2 but only 2 quad words/);
  });
});

describe('summarize3', () => {
  it('p50 / p99 / max of a prefix, nulls when empty', () => {
    const v = Float64Array.from([5, 1, 3, 2, 4, 1000]);
    expect(summarize3(v, 5)).toEqual({ p50: 3, p99: 5 - 0.04, max: 5 });
    expect(summarize3(new Float64Array(3), 0)).toEqual({ p50: null, p99: null, max: null });
  });
});
