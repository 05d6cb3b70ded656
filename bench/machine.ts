// The machine a benchmark ran on, printed with its figures: CPU model, cores, Node version, and the
// load average at the time (the benchmark machine is shared, so the load is part of the figure).
import { cpus, loadavg } from 'node:os';

export function machineLine(): string {
  const list = cpus();
  const load = loadavg().map((x) => x.toFixed(2)).join(', ');
  return `machine: ${list.length} x ${list[0]?.model ?? 'unknown CPU'}, Node ${process.version}; load average ${load}`;
}

/** "met" or "MISSED by x" for a figure that should stay below (or reach) a target. */
export function verdict(value: number, target: number, below: boolean): string {
  const met = below ? value < target : value >= target;
  return met ? 'met' : `MISSED by ${below ? `${((value / target - 1) * 100).toFixed(0)} %` : `${(target / value).toFixed(2)}x`}`;
}
