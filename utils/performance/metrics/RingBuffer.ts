/**
 * Fixed-capacity ring of recent values for the overlay graphs (Float32Array, nothing allocated per push).
 * Layout: `values[head]` is the next slot written; the `count` valid values run oldest to newest from
 * index (head - count + capacity) % capacity. Read directly: `values`, `head`, `count`, `capacity`.
 * A running sum gives the mean of the held values in O(1).
 */
export class RingBuffer {
  readonly values: Float32Array;
  readonly capacity: number;
  head = 0;
  count = 0;
  /** Increments on every push (lets readers tell whether anything changed). */
  version = 0;
  private sum = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new Error(`RingBuffer: capacity must be an integer >= 1, got ${capacity}`);
    }
    this.capacity = capacity;
    this.values = new Float32Array(capacity);
  }

  push(value: number): void {
    const v = Math.fround(value);
    if (this.count === this.capacity) this.sum -= this.values[this.head];
    else this.count++;
    this.values[this.head] = v;
    this.sum += v;
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    this.version++;
  }

  /** The i-th oldest held value (0 <= i < count). */
  at(i: number): number {
    return this.values[(this.head - this.count + i + this.capacity) % this.capacity];
  }

  /** The newest value, NaN when empty. */
  latest(): number {
    return this.count === 0 ? NaN : this.values[(this.head - 1 + this.capacity) % this.capacity];
  }

  /** Mean of the held values, NaN when empty. */
  mean(): number {
    return this.count === 0 ? NaN : this.sum / this.count;
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
    this.sum = 0;
    this.version++;
  }
}
