import { describe, expect, it } from 'vitest';
import {
  BackgroundProcessor,
  BackgroundProcessorDisposedError,
  type BackgroundProcessorOptions,
  type TaskHandle,
  type TaskInfo,
} from '@/utils/streaming/BackgroundProcessor';
import { InProcessExecutor } from '@/utils/workers/executors/InProcessExecutor';
import { ExitListeners, type TaskExecutor } from '@/utils/workers/executors/TaskExecutor';
import { ManualClock, flushPromises } from '../workers/helpers/manualClock';

/** One call the pool made: the test settles it by hand. */
interface Call {
  worker: number;
  executorSerial: number;
  request: { name: string; attempt: number };
  at: number;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

/** A pool over in-process executors whose api calls stay pending until the test settles them. */
function setup(opts: Partial<BackgroundProcessorOptions> = {}) {
  const clock = new ManualClock();
  const calls: Call[] = [];
  const executors: { index: number; ex: InProcessExecutor; exits: ExitListeners }[] = [];
  const processor = new BackgroundProcessor({
    threads: 1,
    maxRetries: 3,
    retryBaseDelay: 100,
    taskTimeout: 1000,
    tasksInFlightPerWorker: 1,
    clock,
    createExecutor: (index) => {
      const serial = executors.length;
      const api = {
        work: (request: { name: string; attempt: number }) =>
          new Promise((resolve, reject) => calls.push({ worker: index, executorSerial: serial, request, at: clock.now(), resolve, reject })),
      };
      const ex = new InProcessExecutor(api, { defer: 'none' });
      const exits = new ExitListeners();
      executors.push({ index, ex, exits });
      // The in-process executor never dies on its own; `exits` lets a test simulate a crash.
      const wrapped: TaskExecutor = {
        run: (t, r, tr) => ex.run(t, r, tr),
        terminate: () => {
          exits.clear();
          ex.terminate();
        },
        onExit: (cb) => exits.add(cb),
      };
      return wrapped;
    },
    ...opts,
  });
  const log: string[] = [];
  const prepared: [string, number][] = [];
  const submit = (name: string, priority: number, extra: { onCancelledResult?: boolean } = {}): TaskHandle =>
    processor.submit<{ name: string; attempt: number }, string>({
      type: 'work',
      priority,
      prepare: (attempt) => {
        prepared.push([name, attempt]);
        return { request: { name, attempt } };
      },
      onComplete: (r, info: TaskInfo) => log.push(`done ${name} ${r} attempts=${info.attempts}`),
      onError: (e, info: TaskInfo) => log.push(`error ${name} ${info.reason} attempts=${info.attempts}: ${e.message}`),
      onCancelledResult: extra.onCancelledResult ? (r) => log.push(`cancelled-result ${name} ${r}`) : undefined,
    });
  return { clock, calls, executors, processor, submit, log, prepared };
}

describe('BackgroundProcessor', () => {
  it('validates its options with the field, value and range', () => {
    const base = { threads: 1, maxRetries: 0, retryBaseDelay: 0, taskTimeout: 10, tasksInFlightPerWorker: 1, createExecutor: () => new InProcessExecutor({}) };
    expect(() => new BackgroundProcessor({ ...base, threads: 0 })).toThrow('BackgroundProcessor: threads must be an integer in [1, 64], got 0');
    expect(() => new BackgroundProcessor({ ...base, tasksInFlightPerWorker: 1.5 })).toThrow(
      'BackgroundProcessor: tasksInFlightPerWorker must be an integer in [1, 64], got 1.5',
    );
    expect(() => new BackgroundProcessor({ ...base, retryBaseDelay: -1 })).toThrow(/retryBaseDelay must be a finite number >= 0 ms, got -1/);
    expect(() => new BackgroundProcessor({ ...base, taskTimeout: 0 })).toThrow(/taskTimeout must be a number > 0 ms, got 0/);
  });

  it('dispatches the most urgent task first, FIFO among equal priorities', async () => {
    const { calls, submit, processor, log } = setup();
    submit('p1', 1);
    submit('p5a', 5);
    submit('p3', 3);
    submit('p5b', 5);
    submit('p2', 2);
    expect(calls).toHaveLength(0); // dispatch happens in a microtask, after the whole batch
    await flushPromises();
    expect(processor.inFlightCount).toBe(1);
    expect(processor.queuedCount).toBe(4);
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      expect(calls).toHaveLength(i + 1);
      order.push(calls[i].request.name);
      calls[i].resolve('ok');
      await flushPromises();
    }
    expect(order).toEqual(['p5a', 'p5b', 'p3', 'p2', 'p1']);
    expect(log).toHaveLength(5);
    expect(processor.queuedCount).toBe(0);
    expect(processor.inFlightCount).toBe(0);
  });

  it('fills tasksInFlightPerWorker slots on every worker, least loaded first', async () => {
    const { calls, submit, processor } = setup({ threads: 2, tasksInFlightPerWorker: 2 });
    for (let i = 0; i < 5; i++) submit('t' + i, 10 - i);
    processor.dispatch();
    expect(calls.map((c) => `${c.request.name}@${c.worker}`)).toEqual(['t0@0', 't1@1', 't2@0', 't3@1']);
    expect(processor.getProcessingMetrics()).toMatchObject({ activeTasks: 4, queuedTasks: 1, totalWorkers: 2, availableWorkers: 0 });
    calls[1].resolve('x');
    await flushPromises();
    expect(calls[4]).toMatchObject({ worker: 1, request: { name: 't4' } });
  });

  it('setPriority reorders queued tasks', async () => {
    const { calls, submit, processor } = setup();
    submit('blocker', 100);
    processor.dispatch();
    const a = submit('a', 1);
    submit('b', 2);
    const c = submit('c', 3);
    processor.setPriority(a, 10);
    processor.setPriority(c, 0);
    expect(a.priority).toBe(10);
    for (let i = 0; i < 4; i++) {
      calls[i].resolve('ok');
      await flushPromises();
    }
    expect(calls.map((x) => x.request.name)).toEqual(['blocker', 'a', 'b', 'c']);
    expect(() => processor.setPriority(a, NaN)).toThrow(/NaN/);
  });

  it('cancel removes a queued task and drops the result of a running one', async () => {
    const { calls, submit, processor, log } = setup();
    const running = submit('running', 5, { onCancelledResult: true });
    processor.dispatch();
    const queued = submit('queued', 4);
    expect(processor.queuedCountOf('work')).toBe(1);
    expect(processor.cancel(queued)).toBe(true);
    expect(queued.state).toBe('cancelled');
    expect(processor.queuedCountOf('work')).toBe(0);
    expect(processor.cancel(queued)).toBe(false);
    expect(processor.cancel(running)).toBe(false);
    expect(running.state).toBe('cancelling');
    expect(processor.inFlightCount).toBe(1); // the worker is still busy with it
    calls[0].resolve('buf');
    await flushPromises();
    expect(running.state).toBe('cancelled');
    expect(log).toEqual(['cancelled-result running buf']);
    expect(calls).toHaveLength(1); // the cancelled queued task never ran
    const c = processor.getCounters();
    expect(c).toMatchObject({ cancelledQueued: 1, cancelledRunning: 1, completed: 0 });
    // 0 completed of 1 settled attempt: all worker work was wasted.
    expect(processor.getProcessingMetrics().queueEfficiency).toBe(0);
  });

  it('retries a thrown task after exactly base * 2^(attempt-1) ms, then gives up after maxRetries', async () => {
    const { calls, clock, submit, processor, log, prepared } = setup({ maxRetries: 3, retryBaseDelay: 100 });
    const h = submit('flaky', 1);
    processor.dispatch();
    const dispatchTimes: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(calls).toHaveLength(attempt);
      dispatchTimes.push(calls[attempt - 1].at);
      calls[attempt - 1].reject(new Error('boom ' + attempt));
      await flushPromises();
      if (attempt <= 3) {
        const delay = 100 * 2 ** (attempt - 1);
        expect(h.state).toBe('retry-wait');
        expect(processor.queuedCountOf('work')).toBe(1);
        clock.advance(delay - 1);
        expect(calls).toHaveLength(attempt); // not a millisecond early
        clock.advance(1);
      }
    }
    expect(dispatchTimes).toEqual([0, 100, 300, 700]);
    expect(prepared).toEqual([
      ['flaky', 1],
      ['flaky', 2],
      ['flaky', 3],
      ['flaky', 4],
    ]);
    expect(log).toEqual(['error flaky error attempts=4: boom 4']);
    expect(h.state).toBe('failed');
    const m = processor.getProcessingMetrics();
    expect(m.taskFailureRate).toBe(1);
    expect(m.taskCompletionRate).toBe(0);
    expect(m.performanceGrade).toBe('F');
    expect(processor.getCounters()).toMatchObject({ failed: 1, failedAttempts: 4, retries: 3, started: 4 });
  });

  it('a retry that succeeds completes with the attempt count; cancel during the backoff stops it', async () => {
    const { calls, clock, submit, processor, log } = setup({ retryBaseDelay: 50 });
    submit('once', 1);
    const other = submit('other', 0);
    processor.dispatch();
    calls[0].reject(new Error('transient'));
    await flushPromises();
    // While 'once' waits out its backoff, the next task uses the free worker.
    expect(calls[1].request.name).toBe('other');
    expect(processor.cancel(other)).toBe(false); // running
    calls[1].resolve('late');
    await flushPromises();
    clock.advance(50);
    expect(calls[2].request).toEqual({ name: 'once', attempt: 2 });
    calls[2].resolve('ok');
    await flushPromises();
    expect(log).toEqual(['done once ok attempts=2']);

    const h = submit('doomed', 1);
    processor.dispatch();
    calls[3].reject(new Error('x'));
    await flushPromises();
    expect(h.state).toBe('retry-wait');
    expect(processor.cancel(h)).toBe(true);
    clock.advance(10_000);
    expect(calls).toHaveLength(4);
    expect(clock.pendingTimers).toBe(0);
  });

  it('a task past taskTimeout gets its worker terminated and replaced; in-flight tasks are requeued', async () => {
    const { calls, clock, submit, processor, log, executors } = setup({ threads: 2, tasksInFlightPerWorker: 2, taskTimeout: 1000 });
    submit('hang', 9);
    submit('w1', 8);
    submit('w0', 7);
    processor.dispatch();
    expect(calls.map((c) => `${c.request.name}@${c.worker}`)).toEqual(['hang@0', 'w1@1', 'w0@0']);
    calls[1].resolve('fine');
    await flushPromises();
    clock.advance(999);
    expect(executors).toHaveLength(2);
    clock.advance(1);
    // Worker 0 was terminated and a new executor made for slot 0.
    expect(executors).toHaveLength(3);
    expect(executors[0].ex.isTerminated).toBe(true);
    expect(executors[2].index).toBe(0);
    expect(executors[1].ex.isTerminated).toBe(false);
    // Both of slot 0's tasks were requeued at once (attempt 2), in priority order, onto free slots.
    expect(calls.slice(3).map((c) => `${c.request.name}#${c.request.attempt}@${c.worker}/${c.executorSerial}`)).toEqual([
      'hang#2@0/2',
      'w0#2@1/1',
    ]);
    calls[3].resolve('now');
    calls[4].resolve('ok');
    await flushPromises();
    expect(log).toEqual(['done w1 fine attempts=1', 'done hang now attempts=2', 'done w0 ok attempts=2']);
    expect(processor.getCounters()).toMatchObject({ timeouts: 1, workersReplaced: 1, requeuedLost: 2, failedAttempts: 2, completed: 3 });
    // The stale rejection from the terminated executor did not disturb anything.
    expect(processor.inFlightCount).toBe(0);
    expect(processor.getProcessingMetrics()).toMatchObject({ totalWorkers: 2, availableWorkers: 2, taskFailureRate: 2 / 5 });
  });

  it('gives up with reason timeout once attempts are used up', async () => {
    const { clock, submit, processor, log, executors } = setup({ maxRetries: 1, taskTimeout: 500 });
    submit('stuck', 1);
    processor.dispatch();
    clock.advance(500);
    clock.advance(500);
    await flushPromises();
    expect(log).toEqual(['error stuck timeout attempts=2: BackgroundProcessor: task 1 (work) exceeded taskTimeout 500 ms on worker 0']);
    expect(executors).toHaveLength(3);
    expect(executors.filter((e) => !e.ex.isTerminated)).toHaveLength(1);
  });

  it('a worker that dies is replaced and its tasks rerun on the new one', async () => {
    const { calls, submit, processor, log, executors } = setup({ tasksInFlightPerWorker: 2 });
    submit('a', 2);
    const b = submit('b', 1, { onCancelledResult: true });
    processor.dispatch();
    processor.cancel(b);
    executors[0].exits.emit(new Error('worker crashed'));
    expect(executors).toHaveLength(2);
    expect(b.state).toBe('cancelled'); // not rerun
    expect(calls.slice(2).map((c) => `${c.request.name}#${c.request.attempt}/${c.executorSerial}`)).toEqual(['a#2/1']);
    calls[2].resolve('ok');
    await flushPromises();
    expect(log).toEqual(['done a ok attempts=2']);
    expect(processor.getCounters()).toMatchObject({ workerDeaths: 1, workersReplaced: 1, cancelledRunning: 1 });
  });

  it('a prepare that throws fails the task without a retry', async () => {
    const { processor, log } = setup();
    processor.submit({
      type: 'work',
      priority: 1,
      prepare: () => {
        throw new Error('ChunkStreamingManager: chunk 1,2,3 is gone');
      },
      onComplete: () => log.push('done'),
      onError: (e, info) => log.push(`${info.reason}: ${e.message}`),
    });
    processor.dispatch();
    expect(log).toEqual(['prepare: ChunkStreamingManager: chunk 1,2,3 is gone']);
    expect(processor.inFlightCount).toBe(0);
  });

  it('dispose terminates every worker and fails pending tasks with reason disposed', async () => {
    const { calls, clock, submit, processor, log, executors } = setup({ threads: 2 });
    submit('run0', 5);
    submit('run1', 4);
    const cancelling = submit('cancelling', 3);
    submit('queued', 1);
    processor.dispatch();
    processor.cancel(cancelling); // queued at this point: removed
    calls[1].reject(new Error('e')); // run1 goes to retry-wait
    await flushPromises();
    // queued took worker 1.
    expect(calls.map((c) => c.request.name)).toEqual(['run0', 'run1', 'queued']);
    const errors: unknown[] = [];
    processor.submit({ type: 'work', priority: 0, prepare: () => ({ request: {} }), onComplete: () => {}, onError: (e) => errors.push(e) });
    processor.dispose();
    expect(executors.every((e) => e.ex.isTerminated)).toBe(true);
    expect(log.sort()).toEqual([
      'error queued disposed attempts=1: BackgroundProcessor: disposed before the task finished',
      'error run0 disposed attempts=1: BackgroundProcessor: disposed before the task finished',
      'error run1 disposed attempts=1: BackgroundProcessor: disposed before the task finished',
    ]);
    expect(errors[0]).toBeInstanceOf(BackgroundProcessorDisposedError);
    expect(processor.getCounters().disposedTasks).toBe(4);
    expect(processor.getProcessingMetrics()).toMatchObject({ totalWorkers: 0, activeTasks: 0, queuedTasks: 0 });
    clock.advance(100_000);
    await flushPromises();
    expect(clock.pendingTimers).toBe(0);
    expect(log).toHaveLength(3);
    expect(() => submit('late', 1)).toThrow('BackgroundProcessor: submit of a "work" task after dispose()');
    processor.dispose(); // idempotent
  });

  it('metrics: average processing time, rates and grade from counted outcomes', async () => {
    const { calls, clock, submit, processor } = setup({ maxRetries: 0 });
    expect(processor.getProcessingMetrics()).toMatchObject({ averageProcessingTime: 0, taskFailureRate: 0, queueEfficiency: 1, performanceGrade: 'A' });
    for (let i = 0; i < 10; i++) submit('t' + i, 0);
    for (let i = 0; i < 10; i++) {
      await flushPromises();
      clock.advance(10 * (i + 1));
      if (i === 9) calls[i].reject(new Error('bad'));
      else calls[i].resolve('ok');
    }
    await flushPromises();
    const m = processor.getProcessingMetrics();
    expect(m.averageProcessingTime).toBe((10 + 20 + 30 + 40 + 50 + 60 + 70 + 80 + 90) / 9);
    expect(m.taskCompletionRate).toBeCloseTo(0.9, 12);
    expect(m.taskFailureRate).toBeCloseTo(0.1, 12);
    expect(m.queueEfficiency).toBeCloseTo(0.9, 12);
    expect(m.performanceGrade).toBe('C'); // failure 0.1 <= 0.1 and efficiency 0.9 >= 0.6, but failure > 0.05
  });
});
