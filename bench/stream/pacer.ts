/**
 * Real-time frame pacing for the benchmarks. Frame slot k is due at start + k * FRAME_MS (wall time, ms).
 * A wait sleeps with setTimeout until SPIN_MS before the deadline, then yields with setImmediate
 * until the deadline passes, so the event loop keeps running (worker results arrive) and frames
 * start within a fraction of a millisecond of their slot when the main thread is free.
 * Like a display's vsync: a frame that overruns the next slot makes that slot dropped (the next
 * frame waits for the following slot); a frame that starts more than LATE_TOLERANCE_MS after its
 * slot is late. Positions always follow wall time, so neither skips simulated time.
 */

export const FRAME_HZ = 60;
export const FRAME_MS = 1000 / FRAME_HZ;
/** ms before a deadline at which the timer sleep ends and the setImmediate spin begins. */
export const SPIN_MS = 2;
/** A frame starting more than this many ms after its slot counts as late. */
export const LATE_TOLERANCE_MS = 2;

/**
 * Slot of the next frame after slot `k` finished at `elapsedMs` (ms since start): k + 1, or, when
 * frame k ran past slot k + 1's time, the first slot after `elapsedMs` (the ones between are dropped).
 */
export function nextFrameSlot(k: number, elapsedMs: number, frameMs: number = FRAME_MS): number {
  const firstFuture = Math.floor(elapsedMs / frameMs) + 1;
  return firstFuture > k + 1 ? firstFuture : k + 1;
}

export type NowFn = () => number;

/** Waits for wall-time deadlines; one instance per run (it holds the pending resolve, no per-frame closures). */
export class FramePacer {
  private deadline = 0;
  private resolve: (() => void) | null = null;
  private readonly now: NowFn;

  constructor(now: NowFn = () => performance.now()) {
    this.now = now;
  }

  private readonly tick = (): void => {
    if (this.now() >= this.deadline) {
      const r = this.resolve;
      this.resolve = null;
      r?.();
    } else if (this.deadline - this.now() > SPIN_MS) {
      setTimeout(this.tick, this.deadline - this.now() - SPIN_MS);
    } else {
      setImmediate(this.tick);
    }
  };

  /** Resolves at or just after `deadlineMs` (same clock as `now`), always after at least one event-loop turn. */
  waitUntil(deadlineMs: number): Promise<void> {
    if (this.resolve) throw new Error('FramePacer: waitUntil called while a wait is pending');
    this.deadline = deadlineMs;
    return new Promise<void>((resolve) => {
      this.resolve = resolve;
      const remaining = deadlineMs - this.now();
      if (remaining > SPIN_MS) setTimeout(this.tick, remaining - SPIN_MS);
      else setImmediate(this.tick);
    });
  }
}
