/**
 * Binary max-heap on a number priority (higher = more urgent). Ties are broken by insertion
 * sequence (first pushed = first popped), so the order is fully deterministic.
 *
 * Every pushed value gets an entry object that stores its own position in the heap array
 * (`heapIndex`, -1 when not in the heap), so `update(entry, p)` and `remove(entry)` are
 * O(log n) without scanning. Layout: children of slot i are 2i+1 and 2i+2.
 */

export interface HeapEntry<T> {
  readonly value: T;
  /** Current priority (read-only for callers: change it with `update`). */
  priority: number;
  /** Slot in the heap array, or -1 when the entry is not in a heap. */
  heapIndex: number;
  /** Insertion sequence: lower = pushed earlier = wins ties. */
  seq: number;
}

function checkPriority(priority: number): void {
  // NaN compares false both ways and would silently corrupt the heap order; +-Infinity is fine.
  if (typeof priority !== 'number' || Number.isNaN(priority)) {
    throw new Error(`PriorityHeap: priority must be a number (not NaN), got ${String(priority)}`);
  }
}

/** true when a must be popped before b. */
function before<T>(a: HeapEntry<T>, b: HeapEntry<T>): boolean {
  return a.priority > b.priority || (a.priority === b.priority && a.seq < b.seq);
}

export class PriorityHeap<T> {
  private readonly items: HeapEntry<T>[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.items.length;
  }

  /** Adds a value; returns its entry (keep it to update or remove the value later). */
  push(value: T, priority: number): HeapEntry<T> {
    checkPriority(priority);
    const entry: HeapEntry<T> = { value, priority, heapIndex: -1, seq: 0 };
    this.insert(entry);
    return entry;
  }

  /**
   * Puts back an entry that was popped or removed (it takes a new sequence number, i.e. it goes
   * behind entries of equal priority). Throws if the entry is still in a heap.
   */
  reinsert(entry: HeapEntry<T>, priority: number = entry.priority): void {
    checkPriority(priority);
    if (entry.heapIndex !== -1) {
      throw new Error(`PriorityHeap: reinsert of an entry still in a heap (heapIndex ${entry.heapIndex})`);
    }
    entry.priority = priority;
    this.insert(entry);
  }

  /** The most urgent value without removing it, or undefined when empty. */
  peek(): T | undefined {
    return this.items.length > 0 ? this.items[0].value : undefined;
  }

  /** The most urgent entry without removing it, or undefined when empty. */
  peekEntry(): HeapEntry<T> | undefined {
    return this.items[0];
  }

  /** Removes and returns the most urgent value, or undefined when empty. */
  pop(): T | undefined {
    const e = this.popEntry();
    return e === undefined ? undefined : e.value;
  }

  /** Removes and returns the most urgent entry, or undefined when empty. */
  popEntry(): HeapEntry<T> | undefined {
    const items = this.items;
    const n = items.length;
    if (n === 0) return undefined;
    const top = items[0];
    const last = items.pop() as HeapEntry<T>;
    if (n > 1) {
      items[0] = last;
      last.heapIndex = 0;
      this.siftDown(0);
    }
    top.heapIndex = -1;
    return top;
  }

  /** true when `entry` is currently in this heap. */
  has(entry: HeapEntry<T>): boolean {
    const i = entry.heapIndex;
    return i >= 0 && i < this.items.length && this.items[i] === entry;
  }

  /** Changes the priority of an entry in the heap, O(log n). Returns false if it is not in this heap. */
  update(entry: HeapEntry<T>, priority: number): boolean {
    checkPriority(priority);
    if (!this.has(entry)) {
      entry.priority = priority;
      return false;
    }
    const old = entry.priority;
    entry.priority = priority;
    if (priority > old) this.siftUp(entry.heapIndex);
    else if (priority < old) this.siftDown(entry.heapIndex);
    return true;
  }

  /** Removes an entry, O(log n). Returns false if it is not in this heap. */
  remove(entry: HeapEntry<T>): boolean {
    if (!this.has(entry)) return false;
    const items = this.items;
    const i = entry.heapIndex;
    const last = items.pop() as HeapEntry<T>;
    if (last !== entry) {
      items[i] = last;
      last.heapIndex = i;
      // The moved entry may need to go either way.
      if (i > 0 && before(last, items[(i - 1) >> 1])) this.siftUp(i);
      else this.siftDown(i);
    }
    entry.heapIndex = -1;
    return true;
  }

  /** Removes everything (every entry's heapIndex becomes -1). */
  clear(): void {
    const items = this.items;
    for (let i = 0; i < items.length; i++) items[i].heapIndex = -1;
    items.length = 0;
  }

  /** Calls visit for every entry in heap-array order (not priority order). Do not mutate while visiting. */
  forEach(visit: (entry: HeapEntry<T>) => void): void {
    const items = this.items;
    for (let i = 0; i < items.length; i++) visit(items[i]);
  }

  private insert(entry: HeapEntry<T>): void {
    entry.seq = this.nextSeq++;
    entry.heapIndex = this.items.length;
    this.items.push(entry);
    this.siftUp(entry.heapIndex);
  }

  private siftUp(i: number): void {
    const items = this.items;
    const e = items[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = items[p];
      if (!before(e, parent)) break;
      items[i] = parent;
      parent.heapIndex = i;
      i = p;
    }
    items[i] = e;
    e.heapIndex = i;
  }

  private siftDown(i: number): void {
    const items = this.items;
    const n = items.length;
    const e = items[i];
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && before(items[r], items[l]) ? r : l;
      const child = items[c];
      if (!before(child, e)) break;
      items[i] = child;
      child.heapIndex = i;
      i = c;
    }
    items[i] = e;
    e.heapIndex = i;
  }
}
