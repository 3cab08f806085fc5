import type { ProcessorClock } from '@/utils/streaming/BackgroundProcessor';

/** A hand-stepped clock: timers fire only inside advance(), in time then creation order. */
export class ManualClock implements ProcessorClock {
  private t = 0;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; seq: number; fn: () => void }>();

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + Math.max(0, ms), seq: id, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward by ms, firing due timers one by one (time set to each timer's due time). */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      let nextId = -1;
      let next: { at: number; seq: number; fn: () => void } | null = null;
      for (const [id, tm] of this.timers) {
        if (tm.at <= end && (next === null || tm.at < next.at || (tm.at === next.at && tm.seq < next.seq))) {
          next = tm;
          nextId = id;
        }
      }
      if (next === null) break;
      this.timers.delete(nextId);
      this.t = next.at;
      next.fn();
    }
    this.t = end;
  }
}

/** Lets every pending promise callback run (a macrotask boundary drains the microtask queue). */
export function flushPromises(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
