/**
 * Movement traces for the benchmarks: the format and its validation are utils/traces/traceFormat.ts
 * (shared with the browser); this adds reading a trace file.
 */
import { readFileSync } from 'node:fs';
import { TraceError, parseTrace, type Trace } from '@/utils/traces/traceFormat';

export * from '@/utils/traces/traceFormat';

/** Reads, parses and validates a trace file; throws TraceError. */
export function loadTrace(file: string): Trace {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new TraceError(`trace ${file}: cannot read file (${(e instanceof Error ? e.message : String(e)).split('\n')[0]})`);
  }
  return parseTrace(text, file);
}
