import { describe, expect, it } from 'vitest';
import { FlyController, MOUSE_SENSITIVITY, type LockElement } from '@/utils/render/FlyController';
import { BASE_SPEED, MAX_DT, PITCH_LIMIT, SPRINT_SPEED, TRAVEL_SPEEDS, viewDirection } from '@/utils/render/flyMath';

const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 9);

class FakeTarget {
  listeners = new Map<string, Set<(e: never) => void>>();
  addEventListener(type: string, l: (e: never) => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(l);
  }
  removeEventListener(type: string, l: (e: never) => void) {
    this.listeners.get(type)?.delete(l);
  }
  count() {
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }
  emit(type: string, event: object) {
    for (const l of this.listeners.get(type) ?? []) l(event as never);
  }
}

describe('FlyController movement', () => {
  it('yaw 0 looks toward -z; positive yaw turns toward -x; pitch positive looks up', () => {
    const c = new FlyController();
    close(c.view.z, -1);
    c.setLook(Math.PI / 2, 0);
    close(c.view.x, -1);
    c.setLook(0, 0.5);
    expect(c.view.y).toBeGreaterThan(0);
    const v = viewDirection(1.1, -0.3, { x: 0, y: 0, z: 0 });
    close(Math.hypot(v.x, v.y, v.z), 1);
  });

  it('W at yaw 0 moves 10.9 blocks/s toward -z, hand-stepped', () => {
    const c = new FlyController(100, 50, 100);
    c.keyDown('KeyW');
    for (let i = 0; i < 60; i++) c.update(1 / 60);
    close(c.position.x, 100);
    close(c.position.y, 50);
    close(c.position.z, 100 - BASE_SPEED);
    close(c.velocity.z, -BASE_SPEED);
  });

  it('strafes right (+x at yaw 0), turns with yaw, and normalises diagonals', () => {
    const c = new FlyController();
    c.keyDown('KeyD');
    for (let i = 0; i < 5; i++) c.update(0.1);
    close(c.position.x, BASE_SPEED * 0.5);
    c.keyUp('KeyD');
    c.setPosition(0, 0, 0);
    c.setLook(Math.PI / 2, 0.7); // facing -x; pitch does not tilt horizontal movement
    c.keyDown('KeyW');
    c.update(0.1);
    close(c.position.x, -BASE_SPEED * 0.1);
    close(c.position.y, 0);
    close(c.position.z, 0);
    c.keyDown('KeyA');
    c.keyDown('Space');
    c.update(0.1);
    close(Math.hypot(c.velocity.x, c.velocity.y, c.velocity.z), BASE_SPEED);
    expect(c.velocity.y).toBeGreaterThan(0);
  });

  it('Space up, Shift down, opposite keys cancel', () => {
    const c = new FlyController();
    c.keyDown('Space');
    c.update(0.05);
    close(c.position.y, BASE_SPEED * 0.05);
    c.keyDown('ShiftLeft');
    c.update(0.05);
    close(c.position.y, BASE_SPEED * 0.05);
    expect(c.velocity).toEqual({ x: 0, y: 0, z: 0 });
  });

  it('Ctrl sprints at 21.6; T cycles 50, 100, 200 then back to normal', () => {
    const c = new FlyController();
    expect(c.speed).toBe(BASE_SPEED);
    c.keyDown('ControlLeft');
    expect(c.speed).toBe(SPRINT_SPEED);
    c.keyUp('ControlLeft');
    const seen: number[] = [];
    for (let i = 0; i < 4; i++) {
      c.keyDown('KeyT');
      seen.push(c.speed);
    }
    expect(seen).toEqual([...TRAVEL_SPEEDS, BASE_SPEED]);
    c.keyDown('KeyT');
    c.keyDown('KeyT', true); // auto-repeat does not cycle
    expect(c.speed).toBe(50);
    c.keyDown('KeyS');
    c.update(0.1);
    close(c.position.z, 5);
  });

  it('is NaN-proof: dt clamped, non-finite input ignored', () => {
    const c = new FlyController(1, 2, 3);
    c.keyDown('KeyW');
    c.update(NaN);
    c.update(Infinity);
    c.update(-1);
    expect(c.position).toEqual({ x: 1, y: 2, z: 3 });
    c.update(10); // clamped to MAX_DT
    close(c.position.z, 3 - BASE_SPEED * MAX_DT);
    expect(c.setPosition(NaN, 0, 0)).toBe(false);
    expect(c.setLook(0, Infinity)).toBe(false);
    c.look(NaN, 5);
    expect(Number.isFinite(c.yaw) && Number.isFinite(c.pitch)).toBe(true);
    c.setLook(0, 10);
    expect(c.pitch).toBe(PITCH_LIMIT);
    c.setLook(7 * Math.PI, 0);
    expect(Math.abs(c.yaw)).toBeLessThanOrEqual(Math.PI);
  });

  it('autopilot sets the pose and velocity is its finite difference', () => {
    const c = new FlyController();
    c.autopilot = (ctl, dt) => ctl.setPosition(ctl.position.x + 30 * dt, ctl.position.y, ctl.position.z);
    c.update(0.02);
    close(c.position.x, 0.6);
    close(c.velocity.x, 30);
  });
});

describe('FlyController.attach', () => {
  it('looks with the mouse only while locked, and detach removes every listener', () => {
    const doc = new FakeTarget() as FakeTarget & { pointerLockElement: unknown; defaultView: unknown; exitPointerLock: () => void };
    const win = new FakeTarget();
    doc.defaultView = win;
    doc.pointerLockElement = null;
    let exited = 0;
    doc.exitPointerLock = () => exited++;
    const element = new FakeTarget() as FakeTarget & { ownerDocument: unknown; requestPointerLock: () => void };
    let requested = 0;
    element.ownerDocument = doc;
    element.requestPointerLock = () => requested++;
    const c = new FlyController();
    const lockEvents: boolean[] = [];
    const unsubscribe = c.onLockChange((l) => lockEvents.push(l));
    const detach = c.attach(element as unknown as LockElement);
    expect(element.count() + doc.count() + win.count()).toBe(6);

    doc.emit('mousemove', { movementX: 100, movementY: 0 });
    expect(c.yaw).toBe(0); // not locked yet
    element.emit('click', {});
    expect(requested).toBe(1);
    doc.pointerLockElement = element;
    doc.emit('pointerlockchange', {});
    expect(lockEvents).toEqual([true]);
    doc.emit('mousemove', { movementX: 100, movementY: -50 });
    close(c.yaw, -100 * MOUSE_SENSITIVITY);
    close(c.pitch, 50 * MOUSE_SENSITIVITY);

    let prevented = 0;
    win.emit('keydown', { code: 'KeyW', repeat: false, target: null, preventDefault: () => prevented++ });
    expect(c.input.forward).toBe(true);
    expect(prevented).toBe(1);
    win.emit('keydown', { code: 'KeyW', repeat: false, target: { tagName: 'INPUT' }, preventDefault: () => prevented++ });
    expect(prevented).toBe(1);
    win.emit('blur', {});
    expect(c.input.forward).toBe(false);

    detach();
    expect(element.count() + doc.count() + win.count()).toBe(0);
    expect(exited).toBe(1);
    detach(); // idempotent
    unsubscribe();
    doc.emit('pointerlockchange', {});
    expect(lockEvents).toEqual([true]);
  });
});
