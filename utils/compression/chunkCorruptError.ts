/**
 * Thrown by decodeChunk (utils/compression/chunkCodec.ts) for any encoded chunk that is not valid:
 * bad magic, version, flags or lengths, a palette index out of range, run lengths not summing to
 * 32,768, a deflate stream that does not inflate, or a checksum mismatch. The message starts with
 * "chunkCodec: " and names what was wrong and the values involved.
 *
 * Across a Comlink / worker_threads boundary the class is lost but `name` survives: test with
 * isChunkCorruptError(err), not instanceof.
 */
export class ChunkCorruptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChunkCorruptError';
  }
}

/** True for a ChunkCorruptError, including one re-created from a worker's serialized error. */
export function isChunkCorruptError(err: unknown): boolean {
  return (
    err instanceof ChunkCorruptError ||
    (typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'ChunkCorruptError')
  );
}
