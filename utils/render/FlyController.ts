/**
 * FlyController: pointer-lock fly camera with no React and no three.js.
 *
 * State: world position (float64 numbers, blocks), yaw/pitch (radians, spec convention: yaw 0 looks
 * toward -z, positive yaw turns toward -x, YXZ order; pitch positive up), velocity (blocks/s) and unit
 * view direction, all plain objects updated in place (read them every frame; nothing is allocated).
 *
 * Controls: click the element to lock the pointer; mouse looks; W/A/S/D (or arrows) move in the horizontal
 * plane, Space up, Shift down; Ctrl held sprints (21.6 blocks/s instead of 10.9); T cycles the travel speed
 * 50 -> 100 -> 200 -> normal. `attach(element)` returns a detach function that removes every listener.
 *
 * Autopilot: when `autopilot` is set, update(dt) calls it instead of integrating the keys (e.g. to replay
 * a movement trace) and reports velocity as the finite difference of the position over dt.
 */
import {
  clampDt,
  clampPitch,
  moveSpeed,
  moveVelocity,
  nextTravelIndex,
  viewDirection,
  wrapYaw,
  type MoveInput,
} from './flyMath';

export { BASE_SPEED, SPRINT_SPEED, TRAVEL_SPEEDS } from './flyMath';

/** Radians of yaw/pitch per pixel of mouse movement. */
export const MOUSE_SENSITIVITY = 0.0022;

export interface FlyVec3 {
  x: number;
  y: number;
  z: number;
}

export type FlyAutopilot = (controller: FlyController, dt: number) => void;

/** The minimal DOM surface used (a real HTMLElement/Document/Window satisfy it; tests pass fakes). */
export interface ListenerTarget {
  addEventListener(type: string, listener: (event: Event) => void, options?: AddEventListenerOptions | boolean): void;
  removeEventListener(type: string, listener: (event: Event) => void, options?: EventListenerOptions | boolean): void;
}
export interface LockElement extends ListenerTarget {
  requestPointerLock?: () => unknown;
  ownerDocument?: (ListenerTarget & { pointerLockElement?: unknown; exitPointerLock?: () => void; defaultView?: unknown }) | null;
}

const MOVE_KEYS: Readonly<Record<string, keyof MoveInput>> = {
  KeyW: 'forward',
  ArrowUp: 'forward',
  KeyS: 'back',
  ArrowDown: 'back',
  KeyA: 'left',
  ArrowLeft: 'left',
  KeyD: 'right',
  ArrowRight: 'right',
  Space: 'up',
  ShiftLeft: 'down',
  ShiftRight: 'down',
  ControlLeft: 'sprint',
  ControlRight: 'sprint',
};

export class FlyController {
  /** World position (blocks, float64). */
  readonly position: FlyVec3 = { x: 0, y: 0, z: 0 };
  /** Velocity of the last update (blocks/s). */
  readonly velocity: FlyVec3 = { x: 0, y: 0, z: 0 };
  /** Unit view direction for the current yaw/pitch. */
  readonly view: FlyVec3 = { x: 0, y: 0, z: -1 };
  readonly input: MoveInput = { forward: false, back: false, left: false, right: false, up: false, down: false, sprint: false };
  /** Radians; see the file header. */
  yaw = 0;
  pitch = 0;
  /** -1 = normal flight, else an index into TRAVEL_SPEEDS. */
  travelIndex = -1;
  autopilot: FlyAutopilot | null = null;
  /** True while the pointer is locked to the attached element. */
  locked = false;
  private readonly lockListeners = new Set<(locked: boolean) => void>();

  constructor(x = 0, y = 0, z = 0, yaw = 0, pitch = 0) {
    this.setPosition(x, y, z);
    this.setLook(yaw, pitch);
  }

  /** Moves to (x, y, z) blocks; ignored (returns false) when any value is not finite. */
  setPosition(x: number, y: number, z: number): boolean {
    if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) return false;
    this.position.x = x;
    this.position.y = y;
    this.position.z = z;
    return true;
  }

  /** Sets yaw/pitch (radians; pitch clamped, yaw wrapped); ignored (returns false) when not finite. */
  setLook(yaw: number, pitch: number): boolean {
    if (!Number.isFinite(yaw) || !Number.isFinite(pitch)) return false;
    this.yaw = wrapYaw(yaw);
    this.pitch = clampPitch(pitch);
    viewDirection(this.yaw, this.pitch, this.view);
    return true;
  }

  /** Mouse movement in pixels (pointer-lock movementX/Y): right turns right, down looks down. */
  look(dxPixels: number, dyPixels: number): void {
    if (!Number.isFinite(dxPixels) || !Number.isFinite(dyPixels)) return;
    this.setLook(this.yaw - dxPixels * MOUSE_SENSITIVITY, this.pitch - dyPixels * MOUSE_SENSITIVITY);
  }

  /** Current speed (blocks/s) for the travel setting and the sprint key. */
  get speed(): number {
    return moveSpeed(this.travelIndex, this.input.sprint);
  }

  cycleTravelSpeed(): void {
    this.travelIndex = nextTravelIndex(this.travelIndex);
  }

  /** Integrates one frame of dt seconds (clamped to [0, 0.1]; non-finite -> 0). */
  update(dt: number): void {
    const step = clampDt(dt);
    const p = this.position;
    const v = this.velocity;
    if (this.autopilot) {
      const x0 = p.x;
      const y0 = p.y;
      const z0 = p.z;
      this.autopilot(this, step);
      if (step > 0) {
        v.x = (p.x - x0) / step;
        v.y = (p.y - y0) / step;
        v.z = (p.z - z0) / step;
      }
      return;
    }
    moveVelocity(this.input, this.yaw, this.speed, v);
    if (step === 0) return;
    const nx = p.x + v.x * step;
    const ny = p.y + v.y * step;
    const nz = p.z + v.z * step;
    // Non-finite results (position already at the float limit) are ignored.
    if (Number.isFinite(nx) && Number.isFinite(ny) && Number.isFinite(nz)) {
      p.x = nx;
      p.y = ny;
      p.z = nz;
    }
  }

  /** Key down by KeyboardEvent.code; returns true when the key is a control (caller may preventDefault). */
  keyDown(code: string, repeat = false): boolean {
    if (code === 'KeyT') {
      if (!repeat) this.cycleTravelSpeed();
      return true;
    }
    const k = MOVE_KEYS[code];
    if (!k) return false;
    this.input[k] = true;
    return true;
  }

  keyUp(code: string): boolean {
    const k = MOVE_KEYS[code];
    if (!k) return code === 'KeyT';
    this.input[k] = false;
    return true;
  }

  /** Releases every key (window blur, pointer unlock). */
  releaseKeys(): void {
    const i = this.input;
    i.forward = i.back = i.left = i.right = i.up = i.down = i.sprint = false;
  }

  /** Called with true/false when the pointer lock is gained/lost. Returns the unsubscribe. */
  onLockChange(listener: (locked: boolean) => void): () => void {
    this.lockListeners.add(listener);
    return () => {
      this.lockListeners.delete(listener);
    };
  }

  /**
   * Listens for clicks (pointer lock request) on `element`, pointer-lock changes and mouse movement on its
   * document, and keys on `keyTarget` (default: the document's window). Returns a detach function that
   * removes every listener it added and releases the keys.
   */
  attach(element: LockElement, keyTarget?: ListenerTarget): () => void {
    const doc = element.ownerDocument ?? null;
    const keys: ListenerTarget | null = keyTarget ?? (doc?.defaultView as ListenerTarget | undefined) ?? null;
    const isTyping = (e: KeyboardEvent) => {
      const t = e.target as { tagName?: string } | null;
      return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT');
    };
    const onClick = () => {
      if (!this.locked && typeof element.requestPointerLock === 'function') {
        try {
          const r = element.requestPointerLock() as Promise<void> | undefined;
          if (r && typeof r.catch === 'function') r.catch(() => undefined); // denied (e.g. headless): keys still work
        } catch {
          // pointer lock unavailable: keyboard flight still works
        }
      }
    };
    const onLockChangeEvent = () => {
      const locked = !!doc && doc.pointerLockElement === element;
      if (locked === this.locked) return;
      this.locked = locked;
      if (!locked) this.releaseKeys();
      for (const l of this.lockListeners) l(locked);
    };
    const onMouseMove = (event: Event) => {
      const e = event as MouseEvent;
      if (this.locked) this.look(e.movementX, e.movementY);
    };
    const onKeyDown = (event: Event) => {
      const e = event as KeyboardEvent;
      if (isTyping(e)) return;
      if (this.keyDown(e.code, e.repeat) && (this.locked || e.code === 'Space')) e.preventDefault();
    };
    const onKeyUp = (event: Event) => {
      const e = event as KeyboardEvent;
      if (this.keyUp(e.code) && this.locked) e.preventDefault();
    };
    const onBlur = () => this.releaseKeys();

    element.addEventListener('click', onClick);
    doc?.addEventListener('pointerlockchange', onLockChangeEvent);
    doc?.addEventListener('mousemove', onMouseMove);
    keys?.addEventListener('keydown', onKeyDown);
    keys?.addEventListener('keyup', onKeyUp);
    keys?.addEventListener('blur', onBlur);
    let attached = true;
    return () => {
      if (!attached) return;
      attached = false;
      element.removeEventListener('click', onClick);
      doc?.removeEventListener('pointerlockchange', onLockChangeEvent);
      doc?.removeEventListener('mousemove', onMouseMove);
      keys?.removeEventListener('keydown', onKeyDown);
      keys?.removeEventListener('keyup', onKeyUp);
      keys?.removeEventListener('blur', onBlur);
      if (this.locked && doc?.pointerLockElement === element) doc.exitPointerLock?.();
      this.locked = false;
      this.releaseKeys();
    };
  }
}

