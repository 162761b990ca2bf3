import { z } from 'zod';

/** Load shape shared by every scenario; each is an environment variable with a default sized for 2 cores. */
export const ZLoadSettings = z.object({
  BENCH_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  BENCH_SECONDS: z.coerce.number().min(1).max(600).default(15),
  BENCH_WARMUP_SECONDS: z.coerce.number().min(0).max(120).default(3),
});
export type LoadSettings = z.infer<typeof ZLoadSettings>;

export interface BenchContext {
  /** A fresh database of this scenario's own on the benchmark's MongoDB server, named in the URI. */
  mongoUri: string;
  redisUrl: string;
  load: LoadSettings;
  log: (line: string) => void;
}

export interface Verdict {
  goal: string;
  measured: string;
  met: boolean;
}

export interface BenchReport {
  /** Header row first. */
  table: string[][];
  verdicts: Verdict[];
  notes: string[];
  /** Everything measured, written as JSON under .data/bench/. */
  result: Record<string, unknown>;
}

export interface BenchScenario {
  name: string;
  description: string;
  run(context: BenchContext): Promise<BenchReport>;
}
