/**
 * GPU stand-in for the benchmarks: a ChunkRenderSink that does on the main thread what a WebGL
 * upload costs without a GPU. addChunk copies the mesh's quad words (2 uint32 = 8 bytes per quad)
 * into a freshly allocated ArrayBuffer, as the renderer builds its vertex array and gl.bufferData
 * copies it into driver memory; like the renderer (which drops its CPU copy once uploaded) it keeps
 * only the size of what is "on the GPU", replacing the chunk's previous size; removeChunk frees it.
 * Empty meshes hold no buffer but count as chunks. Counts let the report show the upload load.
 */
import type { ChunkMesh, ChunkRenderSink } from '@/types/streaming';

export interface GpuSinkStats {
  /** Chunks currently held (empty meshes included). */
  chunks: number;
  /** Chunks currently holding a buffer (non-empty meshes). */
  buffers: number;
  /** Bytes in the held buffers. */
  bytes: number;
  peakChunks: number;
  peakBytes: number;
  /** addChunk calls (first adds and replacements). */
  uploads: number;
  /** Bytes copied by all addChunk calls. */
  uploadedBytes: number;
  removes: number;
}

export class GpuStandInSink implements ChunkRenderSink {
  /** Bytes "on the GPU" per chunk (0 for an empty mesh). */
  private readonly buffers = new Map<string, number>();
  private bytes = 0;
  private nonEmpty = 0;
  private peakChunks = 0;
  private peakBytes = 0;
  private uploads = 0;
  private uploadedBytes = 0;
  private removes = 0;
  /** Checksum over the first word of every upload, so the copies cannot be optimised away. */
  private touch = 0;

  addChunk(key: string, _cx: number, _cy: number, _cz: number, mesh: ChunkMesh): void {
    const words = mesh.quadCount * 2;
    if (words > mesh.quads.length) {
      throw new Error(`GpuStandInSink: mesh of ${key} has quadCount ${mesh.quadCount} but only ${mesh.quads.length} quad words`);
    }
    this.free(key);
    let size = 0;
    if (words > 0) {
      const dst = new Uint32Array(words);
      dst.set(words === mesh.quads.length ? mesh.quads : mesh.quads.subarray(0, words));
      this.touch = (this.touch + dst[0]) | 0;
      size = dst.byteLength;
      this.bytes += size;
      this.nonEmpty++;
      this.uploadedBytes += size;
    }
    this.buffers.set(key, size);
    this.uploads++;
    if (this.buffers.size > this.peakChunks) this.peakChunks = this.buffers.size;
    if (this.bytes > this.peakBytes) this.peakBytes = this.bytes;
  }

  removeChunk(key: string): void {
    if (this.free(key)) {
      this.buffers.delete(key);
      this.removes++;
    }
  }

  private free(key: string): boolean {
    if (!this.buffers.has(key)) return false;
    const old = this.buffers.get(key) as number;
    if (old > 0) {
      this.bytes -= old;
      this.nonEmpty--;
    }
    return true;
  }

  has(key: string): boolean {
    return this.buffers.has(key);
  }

  getStats(): GpuSinkStats {
    return {
      chunks: this.buffers.size,
      buffers: this.nonEmpty,
      bytes: this.bytes,
      peakChunks: this.peakChunks,
      peakBytes: this.peakBytes,
      uploads: this.uploads,
      uploadedBytes: this.uploadedBytes,
      removes: this.removes,
    };
  }

  /** Frees every buffer (after the run). */
  dispose(): void {
    this.buffers.clear();
    this.bytes = 0;
    this.nonEmpty = 0;
  }

  /** For tests: a value depending on every uploaded buffer's first word. */
  get checksum(): number {
    return this.touch;
  }
}
