/**
 * Plain-text tables and target lines for benchmark output.
 */

export type Cell = string | number;

/** Formats a number with `digits` decimals (thousands separated), '-' for NaN/undefined. */
export function fmt(v: number | undefined, digits = 1): string {
  if (v === undefined || !Number.isFinite(v)) return '-';
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A table with a header row; numbers right-aligned, text left-aligned. Returns the text (no trailing newline). */
export function formatTable(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const cells = [header.map(String), ...rows.map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c)))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number' || /^[-\d.,x%]+$/.test(String(r[i]))));
  const line = (r: readonly string[]) =>
    r.map((c, i) => (numeric[i] ? (c ?? '').padStart(widths[i]) : (c ?? '').padEnd(widths[i]))).join('  ').trimEnd();
  const sep = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(cells[0]), sep, ...cells.slice(1).map(line)].join('\n');
}

export interface TargetCheck {
  name: string;
  /** Measured value. */
  value: number;
  /** The limit; `lower` = the value must be <= limit, `higher` = >= limit. */
  limit: number;
  direction: 'lower' | 'higher';
  unit: string;
}

export interface TargetResult extends TargetCheck {
  met: boolean;
  /** How far inside (+) or outside (-) the limit, as a fraction of the limit. */
  margin: number;
}

export function checkTarget(t: TargetCheck): TargetResult {
  const met = t.direction === 'lower' ? t.value <= t.limit : t.value >= t.limit;
  const margin = t.direction === 'lower' ? (t.limit - t.value) / t.limit : (t.value - t.limit) / t.limit;
  return { ...t, met, margin };
}

/** "met    surface median <= 150 us: 62.1 us (58.6% margin)" */
export function formatTarget(r: TargetResult, digits = 1): string {
  const op = r.direction === 'lower' ? '<=' : '>=';
  const pct = `${(Math.abs(r.margin) * 100).toFixed(1)}% ${r.met ? 'margin' : 'short'}`;
  return `${r.met ? 'met   ' : 'MISSED'}  ${r.name} ${op} ${fmt(r.limit, digits)} ${r.unit}: ${fmt(r.value, digits)} ${r.unit} (${pct})`;
}
