/** Percentile by nearest rank over a copy of the samples (ms). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

export const fmt = {
  int: (n: number) => grouped.format(n),
  ms: (n: number) => (n < 10 ? `${oneDecimal.format(n)} ms` : `${grouped.format(n)} ms`),
  ratio: (n: number) => n.toFixed(2),
  mb: (bytes: number) => `${grouped.format(bytes / 1024 / 1024)} MB`,
  s: (ms: number) => `${oneDecimal.format(ms / 1000)} s`,
};
