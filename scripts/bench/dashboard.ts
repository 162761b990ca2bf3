/**
 * Scenario "dashboard" (reports issue): a two-year history of N seller orders (default 1,000,000) from 300
 * UMKM in Karawang's 30 kecamatan; a Dinkop analyst asks for the last full quarter's breakdown by
 * kecamatan and by category (against the quarter before). Goals: p95 ≤ 50 ms, and ≤ 2× the raw driver
 * reading the same sums of the kecamatan cube's month documents and adding them up in JS. Also timed:
 * the rebuild of the rollups (kecamatan and seller cubes) at 100,000 orders and over the whole history.
 */
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import type { Document } from 'mongodb';
import { z } from 'zod';
import type { TSalesBreakdownResponse, TSalesMeasures } from '../../shared/contracts/reports';
import { todayInWib } from '../../shared/time';
import { createDinkopAccount } from '../../server/modules/accounts';
import { rebuildRollups } from '../../server/modules/reports';
import { createGetter, signIn, startApi } from './api';
import { closedLoops, loopRow, ms, rate, type LoopResult, type Operation } from './measure';
import { planHistory, seedSalesWorld, writeSalesHistory, type WriteProgress } from './sales-history';
import type { BenchContext, BenchReport, BenchScenario, Verdict } from './scenario';

const ZDashboardSettings = z.object({
  /**
   * The in-memory test server keeps about 33 KB of JVM heap per seller order as the models store it, and
   * the two cubes about as much again at 150,000 orders (measured): BENCH_MONGO_HEAP=14g holds about
   * 150,000 orders with both rebuilds; a million needs a real MongoDB, which the benches do not connect to yet.
   */
  BENCH_DASHBOARD_ORDERS: z.coerce.number().int().min(1_000).max(5_000_000).default(1_000_000),
  BENCH_DASHBOARD_SEED: z.coerce.number().int().default(2026),
});

/** Where the rollups' rebuild is first timed, on the way to the whole history. */
const FIRST_STAGE_ORDERS = 100_000;
const GOAL_P95_MS = 50;
const GOAL_RATIO = 2;
const SLICES = 5;
const ANALYST = { email: 'analis@bench.contoh.id', password: 'Benchmark-Pasar-2026' };
const MONTHS_COLLECTION = 'salescubemonths';

type By = 'kecamatan' | 'category';

interface Sum {
  orders: number;
  orderLines: number;
  units: number;
  grossRupiah: number;
  ppnRupiah: number;
}

const ZERO: TSalesMeasures = { orders: 0, units: 0, grossRupiah: 0, ppnRupiah: 0 };

/** `YYYY-MM` of `count` months from the month numbered `index` (year × 12 + month − 1) on. */
const monthsAt = (index: number, count: number) =>
  Array.from(
    { length: count },
    (_, i) => `${Math.floor((index + i) / 12)}-${String(((index + i) % 12) + 1).padStart(2, '0')}`,
  );

const lastDayOf = (month: string) => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
};

/** The last calendar quarter that has ended by `today`, and the one before it. */
function lastFullQuarter(today: string) {
  const month = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1;
  const start = month - (month % 3) - 3;
  const months = monthsAt(start, 3);
  return {
    from: `${months[0]}-01`,
    to: lastDayOf(months[2]!),
    months,
    previousMonths: monthsAt(start - 3, 3),
  };
}

function addSum(measures: TSalesMeasures, sum: Sum, by: By): TSalesMeasures {
  return {
    // A category counts the orders containing it, as the API does: an order line per product.
    orders: measures.orders + (by === 'category' ? sum.orderLines : sum.orders),
    units: measures.units + sum.units,
    grossRupiah: measures.grossRupiah + sum.grossRupiah,
    ppnRupiah: measures.ppnRupiah + sum.ppnRupiah,
  };
}

const sameMeasures = (a: TSalesMeasures, b: TSalesMeasures) =>
  a.orders === b.orders &&
  a.units === b.units &&
  a.grossRupiah === b.grossRupiah &&
  a.ppnRupiah === b.ppnRupiah;

const describe = (m: TSalesMeasures) =>
  `${m.orders} orders, ${m.units} units, Rp ${m.grossRupiah.toLocaleString('id')} (PPN ${m.ppnRupiah.toLocaleString('id')})`;

const seconds = (from: number) => (performance.now() - from) / 1000;

async function run({ mongoUri, redisUrl, load, log }: BenchContext): Promise<BenchReport> {
  const settings = ZDashboardSettings.parse(process.env);
  const total = settings.BENCH_DASHBOARD_ORDERS;
  const db = mongoose.connection.db!;
  const today = todayInWib();

  const started = performance.now();
  const world = await seedSalesWorld(db, settings.BENCH_DASHBOARD_SEED, today);
  const plan = planHistory(total, today);
  const seedSeconds = seconds(started);
  log(
    `seeded ${world.sellers.length} UMKM in ${world.kecamatan} kecamatan (${world.pkpSellers} PKP, ${world.programmeSellers} in programmes), ${world.buyers.length} buyers (${seedSeconds.toFixed(1)} s)`,
  );

  const generate = async (from: number, to: number) => {
    const begun = performance.now();
    let lastLog = begun;
    const written = await writeSalesHistory(
      db,
      world,
      plan,
      { from, to, seed: settings.BENCH_DASHBOARD_SEED },
      (done: WriteProgress) => {
        if (performance.now() - lastLog < 5_000) return;
        lastLog = performance.now();
        const perSecond = done.orders / seconds(begun);
        log(
          `  ${(from + done.orders).toLocaleString('en')} / ${to.toLocaleString('en')} orders, ${done.displaySales.toLocaleString('en')} display sales (${rate(perSecond)} orders/s)`,
        );
      },
    );
    const took = seconds(begun);
    return { ...written, seconds: took, ordersPerSecond: written.orders / took };
  };

  // Orders are generated oldest first up to each stage, and each rebuild times the history so far.
  const stages: Array<Awaited<ReturnType<typeof generate>>> = [];
  let generatedUpTo = 0;
  const generateUpTo = async (to: number) => {
    if (to <= generatedUpTo) return;
    log(`generating orders ${generatedUpTo.toLocaleString('en')}–${to.toLocaleString('en')}…`);
    stages.push(await generate(generatedUpTo, to));
    generatedUpTo = to;
  };
  const rebuild = async () => {
    log(
      `rebuilding the rollups (kecamatan and seller cubes) over ${generatedUpTo.toLocaleString('en')} orders…`,
    );
    const begun = performance.now();
    // The rebuild's memory, sampled: the bench process holds little else between stages.
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
    const outcome = await rebuildRollups().finally(() => clearInterval(sampler));
    const took = {
      orders: generatedUpTo,
      ...outcome,
      seconds: seconds(begun),
      rssBeforeMb: Math.round(rssBefore / 1_048_576),
      peakRssMb: Math.round(peakRss / 1_048_576),
    };
    log(
      `  ${took.seconds.toFixed(1)} s: ${took.increments.toLocaleString('en')} increments into ${took.documents.kecamatan.toLocaleString('en')} kecamatan and ${took.documents.seller.toLocaleString('en')} seller documents (RSS ${took.rssBeforeMb} MB before, ${took.peakRssMb} MB at peak)`,
    );
    return took;
  };

  await generateUpTo(Math.min(FIRST_STAGE_ORDERS, total));
  const firstRebuild = await rebuild();
  await generateUpTo(total);
  const fullRebuild = await rebuild();
  const generated = {
    orders: stages.reduce((sum, stage) => sum + stage.orders, 0),
    displaySales: stages.reduce((sum, stage) => sum + stage.displaySales, 0),
    seconds: stages.reduce((sum, stage) => sum + stage.seconds, 0),
  };

  await createDinkopAccount({
    organisationName: 'Dinas Koperasi dan UKM Kabupaten Karawang',
    email: ANALYST.email,
    name: 'Agus Setiawan',
    password: ANALYST.password,
    roles: ['analyst'],
  });

  const quarter = lastFullQuarter(today);
  const breakdownPath = (by: By) =>
    `/api/reports/sales/breakdown?by=${by}&from=${quarter.from}&to=${quarter.to}&limit=100`;
  const ninetyDays = {
    from: new Date(Date.parse(`${today}T00:00:00Z`) - 100 * 86_400_000).toISOString().slice(0, 10),
    to: new Date(Date.parse(`${today}T00:00:00Z`) - 11 * 86_400_000).toISOString().slice(0, 10),
  };
  const unalignedPath = `/api/reports/sales/breakdown?by=kecamatan&from=${ninetyDays.from}&to=${ninetyDays.to}&limit=100`;
  const seriesPath = `/api/reports/sales/series?bucket=day&from=${quarter.from}&to=${quarter.to}`;

  const driver = new mongoose.mongo.MongoClient(mongoUri);
  await driver.connect();
  const months = driver.db().collection<Document>(MONTHS_COLLECTION);
  /**
   * What the API answers, the raw way: the six month documents' sums the API reads (a document's totals
   * per kecamatan, its category margin per category), added up per kecamatan or category.
   */
  const rawBreakdown = async (by: By) => {
    const documents = await months
      .find(
        { bucket: { $in: [...quarter.months, ...quarter.previousMonths] }, stage: 'completed' },
        { projection: { bucket: 1, district: 1, [by === 'kecamatan' ? 'totals' : 'margins.category']: 1 } },
      )
      .toArray();
    const current = new Map<string, TSalesMeasures>();
    const previous = new Map<string, TSalesMeasures>();
    for (const document of documents) {
      const into = quarter.months.includes(document.bucket as string) ? current : previous;
      if (by === 'kecamatan') {
        const code = (document.district as { code: string }).code;
        into.set(code, addSum(into.get(code) ?? ZERO, document.totals as Sum, by));
        continue;
      }
      const margin = (document.margins as { category: Record<string, Sum & { value: string | null }> })
        .category;
      for (const entry of Object.values(margin)) {
        const key = entry.value ?? '';
        into.set(key, addSum(into.get(key) ?? ZERO, entry, by));
      }
    }
    return { current, previous };
  };
  /** The same from the cells, which the sums kept beside them must equal: checked once, not timed. */
  const rawFromCells = async (by: By) => {
    const documents = await months
      .find(
        { bucket: { $in: [...quarter.months, ...quarter.previousMonths] }, stage: 'completed' },
        { projection: { bucket: 1, district: 1, cells: 1 } },
      )
      .toArray();
    const current = new Map<string, TSalesMeasures>();
    const previous = new Map<string, TSalesMeasures>();
    for (const document of documents) {
      const into = quarter.months.includes(document.bucket as string) ? current : previous;
      for (const cell of Object.values(document.cells as Record<string, Sum & { category: string | null }>)) {
        const key = by === 'kecamatan' ? (document.district as { code: string }).code : (cell.category ?? '');
        into.set(key, addSum(into.get(key) ?? ZERO, cell, by));
      }
    }
    return { current, previous };
  };

  log('starting the API (NODE_ENV=production)…');
  const api = await startApi({ mongoUri, redisUrl });
  const cookie = await signIn(api.url, ANALYST.email, ANALYST.password);
  const sequential = createGetter(api.url, cookie, 1);
  const concurrent = createGetter(api.url, cookie, 4);
  try {
    const getJson = async <T>(path: string): Promise<T> => {
      const res = await sequential.get(path);
      if (res.status !== 200)
        throw new Error(`GET ${path} answered ${res.status}: ${res.body.toString().slice(0, 500)}`);
      return JSON.parse(res.body.toString()) as T;
    };

    // Same figures both ways, or the comparison would be of two different pieces of work.
    const checked: Record<string, unknown> = {};
    for (const by of ['kecamatan', 'category'] as const) {
      const viaApi = await getJson<TSalesBreakdownResponse>(breakdownPath(by));
      const raw = await rawBreakdown(by);
      const cells = await rawFromCells(by);
      const sameMaps = (a: Map<string, TSalesMeasures>, b: Map<string, TSalesMeasures>) =>
        a.size === b.size && [...a].every(([key, measures]) => sameMeasures(measures, b.get(key) ?? ZERO));
      if (!sameMaps(raw.current, cells.current) || !sameMaps(raw.previous, cells.previous))
        throw new Error(`SANITY CHECK FAILED: the month documents' sums by ${by} differ from their cells`);
      const sum = (values: Iterable<TSalesMeasures>) =>
        [...values].reduce(
          (a, b) => ({
            orders: a.orders + b.orders,
            units: a.units + b.units,
            grossRupiah: a.grossRupiah + b.grossRupiah,
            ppnRupiah: a.ppnRupiah + b.ppnRupiah,
          }),
          ZERO,
        );
      const rawCurrent = sum(raw.current.values());
      const rawPrevious = sum(raw.previous.values());
      const rowsDiffer = viaApi.rows.filter(
        (row) => !sameMeasures(row.current, raw.current.get(row.key) ?? ZERO),
      );
      if (
        !sameMeasures(viaApi.totals.current, rawCurrent) ||
        !sameMeasures(viaApi.totals.previous, rawPrevious) ||
        rowsDiffer.length > 0 ||
        viaApi.totalRows !== new Set([...raw.current.keys(), ...raw.previous.keys()]).size
      ) {
        throw new Error(
          `SANITY CHECK FAILED: the API's ${quarter.from}…${quarter.to} breakdown by ${by} does not match the month documents summed through the driver.\n` +
            `  API: ${describe(viaApi.totals.current)} (before: ${describe(viaApi.totals.previous)}), ${viaApi.totalRows} rows\n` +
            `  raw: ${describe(rawCurrent)} (before: ${describe(rawPrevious)}), ${raw.current.size} keys\n` +
            `  rows that differ: ${rowsDiffer.map((row) => row.key).join(', ') || 'none'}`,
        );
      }
      if (rawCurrent.grossRupiah === 0)
        throw new Error(`the quarter ${quarter.from}…${quarter.to} sold nothing: nothing to measure`);
      checked[by] = {
        rows: viaApi.totalRows,
        current: viaApi.totals.current,
        previous: viaApi.totals.previous,
      };
    }
    log(
      `checked: the API and the raw sums agree for ${quarter.from}…${quarter.to} by kecamatan and by category`,
    );

    const viaHttp =
      (getter: typeof sequential, path: string): Operation =>
      async () => {
        const res = await getter.get(path);
        if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      };
    const viaDriver =
      (by: By): Operation =>
      async () => {
        await rawBreakdown(by);
      };
    const operations = (getter: typeof sequential) => [
      viaHttp(getter, breakdownPath('kecamatan')),
      viaDriver('kecamatan'),
      viaHttp(getter, breakdownPath('category')),
      viaDriver('category'),
    ];
    const { BENCH_SECONDS: duration, BENCH_WARMUP_SECONDS: warmup } = load;
    if (warmup > 0) {
      log(`warming up for ${warmup} s each…`);
      await closedLoops(
        [...operations(sequential), viaHttp(sequential, unalignedPath), viaHttp(sequential, seriesPath)],
        {
          concurrency: 1,
          seconds: warmup,
          slices: 1,
        },
      );
    }
    log(
      `one client: API and raw driver by kecamatan and by category, ${duration} s each in ${SLICES} turns…`,
    );
    const [apiKecamatan, rawKecamatan, apiCategory, rawCategory] = (await closedLoops(
      operations(sequential),
      {
        concurrency: 1,
        seconds: duration,
        slices: SLICES,
      },
    )) as [LoopResult, LoopResult, LoopResult, LoopResult];
    log(`4 clients at once: the same, ${duration} s each in ${SLICES} turns…`);
    const [apiKecamatan4, rawKecamatan4, apiCategory4, rawCategory4] = (await closedLoops(
      operations(concurrent),
      {
        concurrency: 4,
        seconds: duration,
        slices: SLICES,
      },
    )) as [LoopResult, LoopResult, LoopResult, LoopResult];
    log(
      `secondary: 90 days not aligned to months, the quarter's daily series, and the stack alone, ${duration} s each…`,
    );
    const [unaligned, series, stackAlone] = (await closedLoops(
      [viaHttp(sequential, unalignedPath), viaHttp(sequential, seriesPath), viaHttp(sequential, '/api/me')],
      { concurrency: 1, seconds: duration, slices: SLICES },
    )) as [LoopResult, LoopResult, LoopResult];

    const worstP95 = Math.max(apiKecamatan.latency.p95, apiCategory.latency.p95);
    const ratios = {
      kecamatan: apiKecamatan.latency.p95 / rawKecamatan.latency.p95,
      category: apiCategory.latency.p95 / rawCategory.latency.p95,
    };
    const worstRatio = Math.max(ratios.kecamatan, ratios.category);
    const errors = apiKecamatan.errors + apiCategory.errors + rawKecamatan.errors + rawCategory.errors;
    const verdicts: Verdict[] = [
      {
        goal: `p95 ≤ ${GOAL_P95_MS} ms for the last full quarter's breakdown (one client)`,
        measured: `kecamatan ${ms(apiKecamatan.latency.p95)} ms, category ${ms(apiCategory.latency.p95)} ms (4 clients: ${ms(apiKecamatan4.latency.p95)} / ${ms(apiCategory4.latency.p95)} ms)`,
        met: worstP95 <= GOAL_P95_MS && errors === 0,
      },
      {
        goal: `API p95 / raw-driver p95 ≤ ${GOAL_RATIO}× (one client)`,
        measured: `kecamatan ${ratios.kecamatan.toFixed(2)}× (${ms(apiKecamatan.latency.p95)} / ${ms(rawKecamatan.latency.p95)} ms), category ${ratios.category.toFixed(2)}× (${ms(apiCategory.latency.p95)} / ${ms(rawCategory.latency.p95)} ms)`,
        met: worstRatio <= GOAL_RATIO && errors === 0,
      },
    ];
    const orders = (n: number) => n.toLocaleString('en');
    return {
      table: [
        ['phase', 'load', 'ops/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'],
        loopRow('(a) API by kecamatan', '1 client', apiKecamatan),
        loopRow('(b) raw by kecamatan', '1 client', rawKecamatan),
        loopRow('(c) API by category', '1 client', apiCategory),
        loopRow('(d) raw by category', '1 client', rawCategory),
        loopRow('(a) API by kecamatan', '4 clients', apiKecamatan4),
        loopRow('(b) raw by kecamatan', '4 clients', rawKecamatan4),
        loopRow('(c) API by category', '4 clients', apiCategory4),
        loopRow('(d) raw by category', '4 clients', rawCategory4),
        loopRow('(e) API 90 days, unaligned', '1 client', unaligned),
        loopRow('(f) API daily series', '1 client', series),
        loopRow('(g) API GET /api/me', '1 client', stackAlone),
      ],
      verdicts,
      notes: [
        `History: ${orders(generated.orders)} seller orders and ${orders(generated.displaySales)} galeri/pojok sales over ${plan.length} days up to ${today} (WIB), from ${world.sellers.length} UMKM (${world.pkpSellers} PKP, ${world.programmeSellers} in programmes) in ${world.kecamatan} kecamatan to ${world.buyers.length} buyers; generated at ${rate(generated.orders / generated.seconds)} orders/s (${generated.seconds.toFixed(1)} s, organisations and products ${seedSeconds.toFixed(1)} s).`,
        `Rebuilds of both rollups (kecamatan and seller cubes, month and day documents): over the first ${orders(firstRebuild.orders)} orders ${firstRebuild.seconds.toFixed(1)} s (${orders(firstRebuild.increments)} increments, ${orders(firstRebuild.documents.kecamatan)} + ${orders(firstRebuild.documents.seller)} documents, peak RSS ${firstRebuild.peakRssMb} MB); over the whole history ${fullRebuild.seconds.toFixed(1)} s, ${rate(fullRebuild.orders / fullRebuild.seconds)} orders/s (${orders(fullRebuild.increments)} increments, ${orders(fullRebuild.documents.kecamatan)} + ${orders(fullRebuild.documents.seller)} documents, peak RSS ${fullRebuild.peakRssMb} MB).`,
        `The quarter ${quarter.from}…${quarter.to} (against ${quarter.previousMonths[0]}…${quarter.previousMonths[2]}), stage completed, as a Dinkop analyst; the API's totals and rows equal the raw sums. (b) and (d) are the raw driver reading the same six month documents' sums (totals by kecamatan, the category margin by category; checked once against their cells) and adding them up in JS: the same work minus the stack. Each pair takes turns (${SLICES} each).`,
        `(e) ${ninetyDays.from}…${ninetyDays.to} (day documents at both ends) and (f) the quarter's daily series have no goal. (g) is the signed-in stack with no report behind it (session, user and organisation reads, HTTP, logging): the part of (a) and (c) that no read can shorten.`,
        'The test MongoDB (mongo-java-server) builds only unique secondary indexes (docs/adr/001): absolute figures say little about production. Compare runs on the same machine.',
      ],
      result: {
        settings: { ...load, ...settings },
        seedSeconds,
        generated: {
          ...generated,
          ordersPerSecond: generated.orders / generated.seconds,
          stages,
        },
        rebuilds: {
          firstStage: { ...firstRebuild, ordersPerSecond: firstRebuild.orders / firstRebuild.seconds },
          wholeHistory: { ...fullRebuild, ordersPerSecond: fullRebuild.orders / fullRebuild.seconds },
        },
        quarter,
        checked,
        oneClient: { apiKecamatan, rawKecamatan, apiCategory, rawCategory },
        fourClients: {
          apiKecamatan: apiKecamatan4,
          rawKecamatan: rawKecamatan4,
          apiCategory: apiCategory4,
          rawCategory: rawCategory4,
        },
        secondary: { unaligned: { period: ninetyDays, ...unaligned }, series, stackAlone },
        ratios,
        verdicts,
      },
    };
  } finally {
    sequential.close();
    concurrent.close();
    await api.stop();
    await driver.close();
  }
}

export const dashboard: BenchScenario = {
  name: 'dashboard',
  description:
    'a quarter by kecamatan and by category from the sales cube, vs the same month documents through the driver',
  run,
};
