import { performance } from 'node:perf_hooks';

/** One call of the thing measured; `index` picks the query, so every loop runs the same mix in the same order. */
export type Operation = (index: number) => Promise<void>;

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface LoopResult {
  completed: number;
  errors: number;
  seconds: number;
  opsPerSecond: number;
  /** Milliseconds. In a closed loop these are latencies at saturation, not at a chosen rate. */
  latency: LatencySummary;
  firstError: string | null;
}

/** Exact percentiles (nearest rank) of a few thousand samples: sorting them is cheaper than being wrong. */
export function summarise(samples: number[]): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return {
    count: sorted.length,
    p50: rank(50),
    p95: rank(95),
    p99: rank(99),
    max: sorted.at(-1) ?? 0,
  };
}

class Recorder {
  readonly latencies: number[] = [];
  errors = 0;
  firstError: string | null = null;

  async time(operation: Operation, index: number, startedAt = performance.now()): Promise<void> {
    try {
      await operation(index);
      this.latencies.push(performance.now() - startedAt);
    } catch (error) {
      this.errors++;
      this.firstError ??= error instanceof Error ? error.message : String(error);
    }
  }

  result(seconds: number): LoopResult {
    return {
      completed: this.latencies.length,
      errors: this.errors,
      seconds,
      opsPerSecond: this.latencies.length / seconds,
      latency: summarise(this.latencies),
      firstError: this.firstError,
    };
  }
}

/**
 * Closed loops: `concurrency` workers, each starting its next call when the last one returns. Several
 * operations take turns in `slices` short stretches adding up to `seconds` each, so load that comes and goes
 * on a shared machine weighs on all of them alike instead of on whichever happened to run during it.
 */
export async function closedLoops(
  operations: readonly Operation[],
  { concurrency, seconds, slices }: { concurrency: number; seconds: number; slices: number },
): Promise<LoopResult[]> {
  const runs = operations.map((operation) => ({ operation, recorder: new Recorder(), next: 0, elapsed: 0 }));
  for (let slice = 0; slice < slices; slice++) {
    for (const run of runs) {
      const started = performance.now();
      const deadline = started + (seconds * 1000) / slices;
      const worker = async () => {
        while (performance.now() < deadline) await run.recorder.time(run.operation, run.next++);
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      run.elapsed += performance.now() - started;
    }
  }
  return runs.map((run) => run.recorder.result(run.elapsed / 1000));
}

/**
 * Starts `total` calls on a fixed schedule, `ratePerSecond`, whether or not earlier ones have returned, and
 * resolves when all have. Each gets the moment it was due (performance.now() time), so latency can be
 * counted from then, not from when the timer got round to it: a stall shows up in the percentiles instead of
 * hiding the calls that would have been sent meanwhile (coordinated omission).
 */
export async function onSchedule(
  total: number,
  ratePerSecond: number,
  call: (index: number, dueAt: number) => Promise<void>,
): Promise<void> {
  const interval = 1000 / ratePerSecond;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  let sent = 0;
  while (sent < total) {
    const now = performance.now();
    while (sent < total && started + sent * interval <= now) {
      inFlight.push(call(sent, started + sent * interval));
      sent++;
    }
    if (sent < total)
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + sent * interval - now)));
  }
  await Promise.all(inFlight);
}

/** An operation called on a fixed schedule (see onSchedule), its latency counted from when it was due. */
export async function openLoop(
  operation: Operation,
  ratePerSecond: number,
  seconds: number,
): Promise<LoopResult> {
  const recorder = new Recorder();
  const started = performance.now();
  await onSchedule(Math.floor(ratePerSecond * seconds), ratePerSecond, (index, dueAt) =>
    recorder.time(operation, index, dueAt),
  );
  return recorder.result((performance.now() - started) / 1000);
}

export const ms = (value: number) => value.toFixed(1);
export const rate = (value: number) => value.toFixed(value < 100 ? 1 : 0);

/** A table row of a loop's figures: phase, load, ops/s, p50, p95, p99 (ms), errors. */
export function loopRow(phase: string, load: string, loop: LoopResult): string[] {
  const { latency } = loop;
  return [
    phase,
    load,
    rate(loop.opsPerSecond),
    ms(latency.p50),
    ms(latency.p95),
    ms(latency.p99),
    String(loop.errors),
  ];
}
