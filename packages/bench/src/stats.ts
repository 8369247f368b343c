/** Order statistics of a sample: the median and its spread, as every table reports them. */
export interface Summary {
  readonly n: number;
  readonly min: number;
  readonly p25: number;
  readonly median: number;
  readonly p75: number;
  readonly max: number;
}

/**
 * The `q` quantile (0 to 1) of sorted values, interpolated linearly between neighbours.
 *
 * @example
 * quantile([1, 2, 3, 4], 0.5) // 2.5
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const lowValue = sorted[low] ?? Number.NaN;
  const highValue = sorted[Math.min(sorted.length - 1, low + 1)] ?? lowValue;
  return lowValue + (highValue - lowValue) * (position - low);
}

/**
 * Median, quartiles and range of `values`.
 *
 * @example
 * summarise([3, 1, 2]).median // 2
 */
export function summarise(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: sorted[0] ?? Number.NaN,
    p25: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    p75: quantile(sorted, 0.75),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/**
 * Ratios of paired samples (`numerator[i] / denominator[i]`, both measured in round `i`),
 * summarised: on a noisy machine a pair from the same round shares its conditions.
 *
 * @example
 * pairedRatio([2, 4], [1, 2]).median // 2
 */
export function pairedRatio(numerator: readonly number[], denominator: readonly number[]): Summary {
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(numerator.length, denominator.length); i++) {
    const top = numerator[i];
    const bottom = denominator[i];
    if (top !== undefined && bottom !== undefined && bottom > 0) ratios.push(top / bottom);
  }
  return summarise(ratios);
}

/** Paired differences `a[i] - b[i]`, summarised. */
export function pairedDifference(a: readonly number[], b: readonly number[]): Summary {
  const differences: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const left = a[i];
    const right = b[i];
    if (left !== undefined && right !== undefined) differences.push(left - right);
  }
  return summarise(differences);
}
