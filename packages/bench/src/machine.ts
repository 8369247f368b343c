import { cpus, totalmem } from 'node:os';

/** What the numbers were measured on: they mean little without it. */
export interface Machine {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
  readonly date: string;
}

/**
 * The machine running the benchmark, and the date.
 *
 * @example
 * describeMachine().cores // 2
 */
export function describeMachine(now: Date = new Date()): Machine {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: now.toISOString(),
  };
}
