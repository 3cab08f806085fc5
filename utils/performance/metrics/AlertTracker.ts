/**
 * Sustained-miss alerts: a target that stays missed for at least `sustainMs` (default 3000 ms, on the
 * caller's clock) raises an alert worded with the numbers ("main thread p99 6.1 ms > 2 ms"); the alert
 * clears at the first check where the target is met again or no longer measured. Checks happen when the
 * owner calls `update(nowMs, evaluations)`; a miss starts counting at the first check that sees it.
 * Allocation happens only when an alert is raised, reworded (its numbers changed) or cleared.
 */
import { describeMiss, TARGET_DEFINITIONS, type TargetEvaluation } from './targets';

export interface StreamingAlert {
  /** The target's name (see metrics/targets.ts). */
  name: string;
  metric: string;
  message: string;
  measured: number;
  target: number;
  /** When the miss was first seen and when the alert was raised (ms, caller's clock). */
  missSinceMs: number;
  raisedAtMs: number;
}

export interface StreamingAlertEvent {
  type: 'raised' | 'cleared';
  alert: StreamingAlert;
}

export type StreamingAlertListener = (event: StreamingAlertEvent) => void;

export const DEFAULT_ALERT_SUSTAIN_MS = 3000;

export class AlertTracker {
  readonly sustainMs: number;
  /** Per target (TARGET_DEFINITIONS order): when its current miss was first seen, NaN when not missing. */
  private readonly missSince = new Float64Array(TARGET_DEFINITIONS.length).fill(NaN);
  private readonly active: (StreamingAlert | null)[] = TARGET_DEFINITIONS.map(() => null);
  /** Active alerts in the order they were raised. */
  readonly list: StreamingAlert[] = [];
  private readonly listeners = new Set<StreamingAlertListener>();

  constructor(sustainMs = DEFAULT_ALERT_SUSTAIN_MS) {
    if (!(sustainMs >= 0) || !Number.isFinite(sustainMs)) {
      throw new Error(`AlertTracker: sustainMs must be a finite number >= 0 ms, got ${sustainMs}`);
    }
    this.sustainMs = sustainMs;
  }

  subscribe(listener: StreamingAlertListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** `evaluations`: one per TARGET_DEFINITIONS entry, in order (measured NaN = not measured). */
  update(nowMs: number, evaluations: readonly TargetEvaluation[]): void {
    for (let i = 0; i < evaluations.length; i++) {
      const e = evaluations[i];
      const missed = !Number.isNaN(e.measured) && !e.met;
      const alert = this.active[i];
      if (!missed) {
        this.missSince[i] = NaN;
        if (alert) this.clear(i, alert);
        continue;
      }
      if (Number.isNaN(this.missSince[i])) this.missSince[i] = nowMs;
      if (alert) {
        if (alert.measured !== e.measured) {
          alert.measured = e.measured;
          alert.message = describeMiss(TARGET_DEFINITIONS[i], e.measured);
        }
      } else if (nowMs - this.missSince[i] >= this.sustainMs) {
        this.raise(i, e, nowMs);
      }
    }
  }

  /** Forgets all misses and alerts (clearing active ones is reported to listeners). */
  reset(): void {
    for (let i = 0; i < this.active.length; i++) {
      this.missSince[i] = NaN;
      const a = this.active[i];
      if (a) this.clear(i, a);
    }
  }

  dispose(): void {
    this.listeners.clear();
  }

  private raise(i: number, e: TargetEvaluation, nowMs: number): void {
    const d = TARGET_DEFINITIONS[i];
    const alert: StreamingAlert = {
      name: d.name,
      metric: d.metric,
      message: describeMiss(d, e.measured),
      measured: e.measured,
      target: d.target,
      missSinceMs: this.missSince[i],
      raisedAtMs: nowMs,
    };
    this.active[i] = alert;
    this.list.push(alert);
    this.emit('raised', alert);
  }

  private clear(i: number, alert: StreamingAlert): void {
    this.active[i] = null;
    const at = this.list.indexOf(alert);
    if (at >= 0) this.list.splice(at, 1);
    this.emit('cleared', alert);
  }

  private emit(type: StreamingAlertEvent['type'], alert: StreamingAlert): void {
    for (const l of this.listeners) l({ type, alert });
  }
}
