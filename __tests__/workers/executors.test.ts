import { describe, expect, it } from 'vitest';
import { InProcessExecutor } from '@/utils/workers/executors/InProcessExecutor';
import { ExitListeners, PendingCalls, WorkerLostError } from '@/utils/workers/executors/TaskExecutor';
import { flushPromises } from './helpers/manualClock';

describe('InProcessExecutor', () => {
  it('runs the method inside run() (none), after the current code (microtask) or when scheduled (macrotask)', async () => {
    const seen: string[] = [];
    const api = { echo: (r: { v: string }) => (seen.push(r.v), r.v.toUpperCase()) };
    const none = new InProcessExecutor(api, { defer: 'none' });
    const pNone = none.run('echo', { v: 'a' }, []);
    expect(seen).toEqual(['a']);
    const micro = new InProcessExecutor(api);
    const pMicro = micro.run('echo', { v: 'b' }, []);
    expect(seen).toEqual(['a']);
    const queued: (() => void)[] = [];
    const macro = new InProcessExecutor(api, { defer: 'macrotask', schedule: (fn) => queued.push(fn) });
    const pMacro = macro.run('echo', { v: 'c' }, []);
    await flushPromises();
    expect(seen).toEqual(['a', 'b']);
    expect(queued).toHaveLength(1);
    queued[0]();
    expect(await Promise.all([pNone, pMicro, pMacro])).toEqual(['A', 'B', 'C']);
  });

  it('rejects thrown errors and unknown types with a specific message', async () => {
    const ex = new InProcessExecutor(
      {
        boom: () => {
          throw new Error('kaput');
        },
        ok: () => 1,
      },
      { name: 'InProcessExecutor#0' },
    );
    await expect(ex.run('boom', {}, [])).rejects.toThrow('kaput');
    await expect(ex.run('nope', {}, [])).rejects.toThrow('InProcessExecutor#0: unknown task type "nope", the api has boom, ok');
  });

  it('terminate rejects pending calls with WorkerLostError, skips their work and does not fire onExit', async () => {
    let calls = 0;
    const ex = new InProcessExecutor({ work: () => ++calls });
    let exited = false;
    ex.onExit(() => (exited = true));
    const p = ex.run('work', {}, []);
    expect(ex.pendingCount).toBe(1);
    ex.terminate();
    await expect(p).rejects.toBeInstanceOf(WorkerLostError);
    await flushPromises();
    expect(calls).toBe(0);
    expect(exited).toBe(false);
    await expect(ex.run('work', {}, [])).rejects.toThrow('InProcessExecutor: run("work") after terminate()');
  });
});

describe('executor helpers', () => {
  it('ExitListeners fires once; unsubscribe and clear work', () => {
    const l = new ExitListeners();
    const got: string[] = [];
    const un = l.add((e) => got.push('a ' + e.message));
    l.add((e) => got.push('b ' + e.message));
    un();
    l.emit(new Error('x'));
    l.emit(new Error('y'));
    expect(got).toEqual(['b x']);
    const c = new ExitListeners();
    c.add(() => got.push('never'));
    c.clear();
    c.emit(new Error('z'));
    expect(got).toEqual(['b x']);
  });

  it('PendingCalls settles each call once: first the worker result, or a rejectAll', async () => {
    const pc = new PendingCalls();
    let resolveA!: (v: number) => void;
    const a = pc.track(new Promise<number>((r) => (resolveA = r)));
    const b = pc.track(new Promise<number>(() => {}));
    resolveA(1);
    expect(await a).toBe(1);
    expect(pc.size).toBe(1);
    pc.rejectAll(new WorkerLostError('gone'));
    await expect(b).rejects.toThrow('gone');
    expect(pc.size).toBe(0);
    const c = pc.track(Promise.reject('not an Error'));
    await expect(c).rejects.toThrow('not an Error');
  });
});
