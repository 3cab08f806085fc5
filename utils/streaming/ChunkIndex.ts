/**
 * Index of chunk records by coordinates, without key strings and without touching the records on a
 * lookup: an open-addressing hash table (linear probing, tombstone deletion) whose slots hold the
 * coordinates in one Int32Array (stride 3, so a probe reads one cache line) plus a per-slot stamp
 * (an Int32Array the streaming manager uses to mark the wanted set without touching records). A
 * dense array of the records serves scans (swap-remove, each record knows its `denseIndex`).
 */
import { chunkHash } from './StreamingUtils';

export interface IndexedChunk {
  readonly cx: number;
  readonly cy: number;
  readonly cz: number;
  /** Slot in the hash table while indexed, -1 otherwise. */
  slot: number;
  denseIndex: number;
}

const EMPTY = 0;
const FULL = 1;
const TOMBSTONE = 2;
/** Initial slot count (a power of two). */
const MIN_CAPACITY = 1024;

export class ChunkIndex<T extends IndexedChunk> {
  /** All records, in no particular order. Do not mutate; read `size` for the count. */
  readonly dense: T[] = [];
  private capacity = 0;
  private mask = 0;
  private coords = new Int32Array(0);
  private state = new Uint8Array(0);
  private records: (T | null)[] = [];
  private stamps = new Int32Array(0);
  private tombstones = 0;

  constructor() {
    this.allocate(MIN_CAPACITY);
  }

  get size(): number {
    return this.dense.length;
  }

  /** Slot of (cx,cy,cz), or -1. */
  private find(cx: number, cy: number, cz: number): number {
    const c = this.coords;
    const st = this.state;
    const mask = this.mask;
    let s = chunkHash(cx, cy, cz) & mask;
    for (;;) {
      const k = st[s];
      if (k === EMPTY) return -1;
      if (k === FULL && c[s * 3] === cx && c[s * 3 + 1] === cy && c[s * 3 + 2] === cz) return s;
      s = (s + 1) & mask;
    }
  }

  get(cx: number, cy: number, cz: number): T | undefined {
    const s = this.find(cx, cy, cz);
    return s < 0 ? undefined : (this.records[s] as T);
  }

  /** Sets the stamp of the record at (cx,cy,cz); false when there is none (nothing written). */
  setStampAt(cx: number, cy: number, cz: number, stamp: number): boolean {
    const s = this.find(cx, cy, cz);
    if (s < 0) return false;
    this.stamps[s] = stamp;
    return true;
  }

  /** The stamp of an indexed record (-1 when it is not indexed). */
  stampOf(record: T): number {
    return record.slot < 0 ? -1 : this.stamps[record.slot];
  }

  setStamp(record: T, stamp: number): void {
    if (record.slot >= 0) this.stamps[record.slot] = stamp;
  }

  /** Adds a record (stamp -1); throws if one with the same coordinates is present. */
  add(record: T): void {
    const { cx, cy, cz } = record;
    if (this.find(cx, cy, cz) >= 0) throw new Error(`ChunkIndex: chunk ${cx},${cy},${cz} is already indexed`);
    if ((this.dense.length + this.tombstones + 1) * 10 > this.capacity * 6) this.rehash();
    const mask = this.mask;
    let s = chunkHash(cx, cy, cz) & mask;
    while (this.state[s] === FULL) s = (s + 1) & mask;
    if (this.state[s] === TOMBSTONE) this.tombstones--;
    this.place(record, s);
    this.stamps[s] = -1;
    record.denseIndex = this.dense.length;
    this.dense.push(record);
  }

  /** Removes a record; returns false when it was not indexed. */
  remove(record: T): boolean {
    const s = record.slot;
    if (s < 0 || this.records[s] !== record) return false;
    this.state[s] = TOMBSTONE;
    this.records[s] = null;
    this.tombstones++;
    record.slot = -1;
    const i = record.denseIndex;
    const last = this.dense.pop() as T;
    if (last !== record) {
      this.dense[i] = last;
      last.denseIndex = i;
    }
    record.denseIndex = -1;
    return true;
  }

  clear(): void {
    for (const r of this.dense) {
      r.slot = -1;
      r.denseIndex = -1;
    }
    this.dense.length = 0;
    this.allocate(MIN_CAPACITY);
  }

  private place(record: T, s: number): void {
    this.coords[s * 3] = record.cx;
    this.coords[s * 3 + 1] = record.cy;
    this.coords[s * 3 + 2] = record.cz;
    this.state[s] = FULL;
    this.records[s] = record;
    record.slot = s;
  }

  private allocate(capacity: number): void {
    this.capacity = capacity;
    this.mask = capacity - 1;
    this.coords = new Int32Array(capacity * 3);
    this.state = new Uint8Array(capacity);
    this.records = new Array<T | null>(capacity).fill(null);
    this.stamps = new Int32Array(capacity);
    this.tombstones = 0;
  }

  /** Rebuilds the table (dropping tombstones), at least 4 slots per record; stamps are kept. */
  private rehash(): void {
    let capacity = MIN_CAPACITY;
    while (capacity < (this.dense.length + 1) * 4) capacity *= 2;
    const oldStamps = this.stamps;
    const saved = new Int32Array(this.dense.length);
    for (let i = 0; i < this.dense.length; i++) saved[i] = oldStamps[this.dense[i].slot];
    this.allocate(capacity);
    const mask = this.mask;
    for (let i = 0; i < this.dense.length; i++) {
      const r = this.dense[i];
      let s = chunkHash(r.cx, r.cy, r.cz) & mask;
      while (this.state[s] === FULL) s = (s + 1) & mask;
      this.place(r, s);
      this.stamps[s] = saved[i];
    }
  }
}
