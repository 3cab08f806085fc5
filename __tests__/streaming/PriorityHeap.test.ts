import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PriorityHeap, type HeapEntry } from '@/utils/streaming/PriorityHeap';

/** Brute-force model: a list kept sorted by (priority desc, insertion seq asc). */
interface ModelItem {
  id: number;
  priority: number;
  seq: number;
}
function sortModel(model: ModelItem[]): void {
  model.sort((a, b) => b.priority - a.priority || a.seq - b.seq);
}

type Op =
  | { kind: 'push'; priority: number }
  | { kind: 'pop' }
  | { kind: 'update'; pick: number; priority: number }
  | { kind: 'remove'; pick: number }
  | { kind: 'reinsert'; pick: number; priority: number }
  | { kind: 'clear' };

// Few distinct priorities so ties (FIFO order) are exercised often.
const prio = fc.oneof(fc.integer({ min: -4, max: 4 }), fc.constantFrom(Infinity, -Infinity, 0.5));
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: prio.map((priority) => ({ kind: 'push' as const, priority })) },
  { weight: 3, arbitrary: fc.constant({ kind: 'pop' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), priority: prio }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reinsert' as const), pick: fc.nat(), priority: prio }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
);

/** The heap property over the array: no entry outranks its parent; every entry's heapIndex is its slot. */
function expectHeapInvariant<T>(heap: PriorityHeap<T>): void {
  const arr: HeapEntry<T>[] = [];
  heap.forEach((e) => arr.push(e));
  arr.forEach((e, i) => {
    expect(e.heapIndex).toBe(i);
    if (i === 0) return;
    const p = arr[(i - 1) >> 1];
    const outranks = e.priority > p.priority || (e.priority === p.priority && e.seq < p.seq);
    expect(outranks).toBe(false);
  });
}

describe('PriorityHeap', () => {
  it('matches a sorted-array model under random push/pop/update/remove/reinsert/clear', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 300 }), (ops) => {
        const heap = new PriorityHeap<number>();
        const entries = new Map<number, HeapEntry<number>>(); // every entry ever made, by id
        const model: ModelItem[] = [];
        let nextId = 0;
        let seq = 0;
        for (const op of ops) {
          if (op.kind === 'push') {
            const id = nextId++;
            entries.set(id, heap.push(id, op.priority));
            model.push({ id, priority: op.priority, seq: seq++ });
            sortModel(model);
          } else if (op.kind === 'pop') {
            const got = heap.pop();
            const want = model.shift();
            expect(got).toBe(want?.id);
            if (want) expect(entries.get(want.id)!.heapIndex).toBe(-1);
          } else if (op.kind === 'update' || op.kind === 'remove') {
            if (entries.size === 0) continue;
            const id = op.pick % nextId;
            const entry = entries.get(id)!;
            const mi = model.findIndex((m) => m.id === id);
            if (op.kind === 'update') {
              expect(heap.update(entry, op.priority)).toBe(mi >= 0);
              if (mi >= 0) {
                model[mi].priority = op.priority;
                sortModel(model);
              }
            } else {
              expect(heap.remove(entry)).toBe(mi >= 0);
              if (mi >= 0) model.splice(mi, 1);
              expect(entry.heapIndex).toBe(-1);
            }
          } else if (op.kind === 'reinsert') {
            if (entries.size === 0) continue;
            const id = op.pick % nextId;
            const entry = entries.get(id)!;
            if (model.some((m) => m.id === id)) {
              expect(() => heap.reinsert(entry, op.priority)).toThrow(/PriorityHeap: reinsert/);
            } else {
              heap.reinsert(entry, op.priority);
              model.push({ id, priority: op.priority, seq: seq++ });
              sortModel(model);
            }
          } else {
            heap.clear();
            for (const m of model) expect(entries.get(m.id)!.heapIndex).toBe(-1);
            model.length = 0;
          }
          expect(heap.size).toBe(model.length);
          expect(heap.peek()).toBe(model[0]?.id);
          expectHeapInvariant(heap);
          // Every entry in the model knows its own slot.
          for (const m of model) expect(heap.has(entries.get(m.id)!)).toBe(true);
        }
        // Draining yields exactly the model order.
        const drained: number[] = [];
        for (let v = heap.pop(); v !== undefined; v = heap.pop()) drained.push(v);
        expect(drained).toEqual(model.map((m) => m.id));
      }),
      { numRuns: 300, seed: 20240611 },
    );
  });

  it('pops equal priorities in insertion order (FIFO)', () => {
    const heap = new PriorityHeap<string>();
    for (const v of ['a', 'b', 'c', 'd']) heap.push(v, 1);
    heap.push('z', 2);
    expect([heap.pop(), heap.pop(), heap.pop(), heap.pop(), heap.pop(), heap.pop()]).toEqual([
      'z',
      'a',
      'b',
      'c',
      'd',
      undefined,
    ]);
  });

  it('keeps an updated entry behind equal-priority entries pushed earlier', () => {
    const heap = new PriorityHeap<string>();
    const a = heap.push('a', 1);
    heap.push('b', 5);
    heap.update(a, 5); // a was pushed first: it wins the tie
    expect(heap.pop()).toBe('a');
    expect(heap.pop()).toBe('b');
  });

  it('remove() sifts the moved last entry up when it outranks its new parent', () => {
    const heap = new PriorityHeap<number>();
    // Pushed in this order the array is [10, 5, 9, 4, 3, 8, 7]: 4 sits under 5, 7 is last (under 9).
    const e: Record<number, HeapEntry<number>> = {};
    for (const p of [10, 5, 9, 4, 3, 8, 7]) e[p] = heap.push(p, p);
    heap.remove(e[4]); // 7 moves into 4's slot under 5 and must rise above it
    expectHeapInvariant(heap);
    const drained: number[] = [];
    for (let v = heap.pop(); v !== undefined; v = heap.pop()) drained.push(v);
    expect(drained).toEqual([10, 9, 8, 7, 5, 3]);
  });

  it('rejects NaN priorities with the class name and the value', () => {
    const heap = new PriorityHeap<number>();
    expect(() => heap.push(1, NaN)).toThrow('PriorityHeap: priority must be a number (not NaN), got NaN');
    const e = heap.push(1, 0);
    expect(() => heap.update(e, NaN)).toThrow(/NaN/);
    expect(heap.size).toBe(1);
  });

  it('an entry of another heap is neither updated nor removed', () => {
    const h1 = new PriorityHeap<number>();
    const h2 = new PriorityHeap<number>();
    const e = h1.push(1, 1);
    h2.push(2, 1);
    expect(h2.remove(e)).toBe(false);
    expect(h2.size).toBe(1);
    expect(h1.size).toBe(1);
  });
});
