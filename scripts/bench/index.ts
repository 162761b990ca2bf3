/**
 * `npm run bench [-- scenario …]`: runs benchmark scenarios on throwaway services (in-memory MongoDB-compatible
 * server and Redis on free ports), prints a table and the goals met or missed, and writes the figures to
 * .data/bench/<scenario>-<time>.json. Benchmarks report ratios against a baseline measured in the same run,
 * never pass/fail a test: they are not part of `npm test` or CI.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connectMongo, disconnectMongo } from '../../server/platform/db';
import { z } from 'zod';
import { startServices } from '../services/index.mjs';
import { bigOrder } from './big-order';
import { catalogSearch } from './catalog-search';
import { dashboard } from './dashboard';
import { noticeEndToEnd } from './notice-end-to-end';
import { orderPlacement } from './order-placement';
import { statusToSocket } from './status-to-socket';
import { ZLoadSettings, type BenchReport, type BenchScenario } from './scenario';

const SCENARIOS: readonly BenchScenario[] = [
  catalogSearch,
  orderPlacement,
  bigOrder,
  statusToSocket,
  noticeEndToEnd,
  dashboard,
];
/**
 * The in-memory MongoDB-compatible server holds every scenario's data in its JVM heap (the sales history
 * of "dashboard"), and with the full JIT: the test profile's quick-start flags (C1 only, serial GC) would
 * slow it down by more than the API it is compared with.
 */
const ZServiceSettings = z.object({
  BENCH_MONGO_HEAP: z
    .string()
    .regex(/^\d+[kmg]$/i, 'a JVM size such as 14g')
    .default('14g'),
});
const RESULTS_DIR = path.resolve(__dirname, '../../.data/bench');

const log = (line: string) => console.error(`[bench] ${line}`);

function printReport(scenario: BenchScenario, report: BenchReport): void {
  const widths = report.table[0]!.map((_, column) =>
    Math.max(...report.table.map((cells) => cells[column]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ');
  console.log(`\n${scenario.name}: ${scenario.description}\n`);
  console.log(`  ${line(report.table[0]!)}`);
  for (const cells of report.table.slice(1)) console.log(`  ${line(cells)}`);
  console.log('');
  for (const verdict of report.verdicts) {
    console.log(`  ${verdict.met ? 'MET   ' : 'MISSED'}  ${verdict.goal}: ${verdict.measured}`);
  }
  console.log('');
  for (const note of report.notes) console.log(`  · ${note}`);
}

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !SCENARIOS.some((scenario) => scenario.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`,
    );
  }
  const scenarios =
    asked.length > 0 ? SCENARIOS.filter((scenario) => asked.includes(scenario.name)) : SCENARIOS;
  const load = ZLoadSettings.parse(process.env);
  const { BENCH_MONGO_HEAP: mongoHeap } = ZServiceSettings.parse(process.env);

  log(`starting MongoDB-compatible server (heap ${mongoHeap}) and Redis (profile test)…`);
  const services = await startServices({ profile: 'test', log, mongoHeap, mongoFastStart: false });
  try {
    for (const scenario of scenarios) {
      const startedAt = new Date();
      const mongoUri = `${services.mongoUri}/bench_${scenario.name.replace(/\W/g, '_')}_${startedAt.getTime()}`;
      await connectMongo(mongoUri);
      try {
        const report = await scenario.run({ mongoUri, redisUrl: services.redisUrl, load, log });
        printReport(scenario, report);
        await mkdir(RESULTS_DIR, { recursive: true });
        const file = path.join(
          RESULTS_DIR,
          `${scenario.name}-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`,
        );
        const machine = { node: process.version, cpus: os.cpus().length, loadAverage: os.loadavg() };
        const json = {
          scenario: scenario.name,
          startedAt,
          finishedAt: new Date(),
          machine,
          ...report.result,
        };
        await writeFile(file, `${JSON.stringify(json, null, 2)}\n`);
        console.log(`\n  Figures written to ${path.relative(process.cwd(), file)}\n`);
      } finally {
        await disconnectMongo();
      }
    }
  } finally {
    await services.stop();
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
