/** Order statistics of a sample: the median and its spread, as every table reports them. */
export interface Summary {
  readonly n: number;
  readonly p25: number;
  readonly median: number;
  readonly p75: number;
}

/**
 * The `q` quantile of `sorted` (ascending), interpolated linearly between neighbours.
 *
 * @example
 * quantile([1, 2, 3, 4], 0.5) // 2.5
 */
export function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const low = sorted[Math.floor(position)] ?? Number.NaN;
  return low + ((sorted[Math.ceil(position)] ?? low) - low) * (position % 1);
}

/** Median and quartiles of `values`. */
export function summarise(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => quantile(sorted, q);
  return { n: sorted.length, p25: at(0.25), median: at(0.5), p75: at(0.75) };
}

/**
 * `a[i] / b[i]` for samples of the same round, summarised: a pair from one round shares the
 * machine's conditions.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): Summary {
  return summarise(a.flatMap((value, i) => ((b[i] ?? 0) > 0 ? [value / (b[i] ?? 1)] : [])));
}

/** `a[i] - b[i]` for samples of the same round, summarised. */
export function pairedDifference(a: readonly number[], b: readonly number[]): Summary {
  return summarise(a.flatMap((value, i) => (b[i] === undefined ? [] : [value - b[i]])));
}

/** The sum of `values`. */
export const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
