/**
 * Index of chunk records by coordinates without building key strings on lookups:
 * a Map from a numeric hash of (cx,cy,cz) to a chain of records (`nextInBucket`), plus a
 * dense array for scans (swap-remove, each record knows its `denseIndex`).
 */
import { chunkHash } from './StreamingUtils';

export interface IndexedChunk {
  readonly cx: number;
  readonly cy: number;
  readonly cz: number;
  nextInBucket: IndexedChunk | null;
  denseIndex: number;
}

export class ChunkIndex<T extends IndexedChunk> {
  private readonly buckets = new Map<number, T>();
  /** All records, in no particular order. Do not mutate; read `size` for the count. */
  readonly dense: T[] = [];

  get size(): number {
    return this.dense.length;
  }

  get(cx: number, cy: number, cz: number): T | undefined {
    let r = this.buckets.get(chunkHash(cx, cy, cz)) as IndexedChunk | undefined | null;
    while (r) {
      if (r.cx === cx && r.cy === cy && r.cz === cz) return r as T;
      r = r.nextInBucket;
    }
    return undefined;
  }

  /** Adds a record; throws if one with the same coordinates is present. */
  add(record: T): void {
    const h = chunkHash(record.cx, record.cy, record.cz);
    const head = this.buckets.get(h);
    for (let r: IndexedChunk | null | undefined = head; r; r = r.nextInBucket) {
      if (r.cx === record.cx && r.cy === record.cy && r.cz === record.cz) {
        throw new Error(`ChunkIndex: chunk ${record.cx},${record.cy},${record.cz} is already indexed`);
      }
    }
    record.nextInBucket = head ?? null;
    this.buckets.set(h, record);
    record.denseIndex = this.dense.length;
    this.dense.push(record);
  }

  /** Removes a record; returns false when it was not indexed. */
  remove(record: T): boolean {
    const h = chunkHash(record.cx, record.cy, record.cz);
    let prev: IndexedChunk | null = null;
    let r = (this.buckets.get(h) as IndexedChunk | undefined) ?? null;
    while (r && r !== record) {
      prev = r;
      r = r.nextInBucket;
    }
    if (!r) return false;
    if (prev) prev.nextInBucket = r.nextInBucket;
    else if (r.nextInBucket) this.buckets.set(h, r.nextInBucket as T);
    else this.buckets.delete(h);
    r.nextInBucket = null;
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
    this.buckets.clear();
    for (const r of this.dense) {
      r.nextInBucket = null;
      r.denseIndex = -1;
    }
    this.dense.length = 0;
  }
}
