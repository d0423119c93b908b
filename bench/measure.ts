/** Median time of a synchronous function, after warm-up, in microseconds. */
export const medianMicros = (fn: () => unknown, runs = 2000, warmup = 500): number => {
  for (let i = 0; i < warmup; i += 1) fn();
  const samples = new Float64Array(runs);
  for (let i = 0; i < runs; i += 1) {
    const t0 = process.hrtime.bigint();
    fn();
    samples[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  samples.sort();
  return samples[Math.floor(runs / 2)];
};

export const report = (name: string, value: number, unit: string): void => {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  process.stdout.write(`${name}: ${value.toFixed(digits)} ${unit}\n`);
};
