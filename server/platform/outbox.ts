import { randomUUID } from 'node:crypto';
import { Schema, trusted, type Model } from 'mongoose';
import type { Logger } from 'pino';
import { z } from 'zod';
import { JOBS, type TQueueName } from '../../shared/jobs';
import type { JobQueues } from './jobs';

/**
 * The transactional outbox without transactions (docs/adr/008): a document carries the events of its
 * own changes, written by the same single-document write as the change, and a relay in the worker
 * process turns each into one BullMQ job whose id is the event's id.
 */

/** An event waiting in (or already sent from) a document. `id` is the job id, so it must be unique. */
export interface OutboxEntry {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  at: Date;
  /** null until the relay has added the job; the relay never changes an entry otherwise. */
  publishedAt: Date | null;
}

const entrySchema = new Schema<OutboxEntry>(
  {
    id: { type: String, required: true },
    // `type` needs the object form: a bare `type: String` would declare the entry itself a string.
    type: { type: String, required: true },
    payload: { type: Schema.Types.Mixed, required: true },
    at: { type: Date, required: true },
    publishedAt: { type: Date, default: null },
  },
  { _id: false },
);

/** The fields `outboxPlugin` adds, for the types of documents read with `.lean()`. */
export interface OutboxFields {
  outbox: OutboxEntry[];
  outboxPending: number;
}

/**
 * Adds `outbox` (entries, append-only) and `outboxPending` (how many are unpublished) to a schema.
 * The relay asks `outboxPending > 0` through one small index instead of scanning arrays; writers keep
 * the count right by `$inc`-ing it in the same update that appends (`appendToOutbox`).
 */
export function outboxPlugin(schema: Schema): void {
  schema.add({ outbox: { type: [entrySchema], default: [] }, outboxPending: { type: Number, default: 0 } });
  schema.index({ outboxPending: 1 });
}

type JobName<Q extends TQueueName> = keyof (typeof JOBS)[Q] & string;

/** Where an event type goes: one job of this name on this queue, its payload checked by the job's schema. */
export type OutboxRoute = { [Q in TQueueName]: { queue: Q; job: JobName<Q> } }[TQueueName];

export function toJob<Q extends TQueueName, N extends JobName<Q>>(queue: Q, job: N): { queue: Q; job: N } {
  return { queue, job };
}

type PayloadOf<R> = R extends { queue: infer Q extends TQueueName; job: infer N }
  ? N extends keyof (typeof JOBS)[Q]
    ? z.input<(typeof JOBS)[Q][N]>
    : never
  : never;

/** Any model whose schema has the outbox plugin; the relay reads only `outbox` and `outboxPending`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type OutboxModel = Model<any>;

/** A collection whose documents carry an outbox, and the job each of its event types becomes. */
export interface OutboxSource {
  name: string;
  model: OutboxModel;
  routes: Readonly<Record<string, OutboxRoute>>;
}

/**
 * Declares a source for the relay and gives its writers `event()`, which checks the payload against the
 * job's schema when the event is made: a bad payload fails the write that causes it, not the relay later.
 */
export function defineOutbox<const R extends Record<string, OutboxRoute>>(
  name: string,
  model: OutboxModel,
  routes: R,
) {
  return {
    source: { name, model, routes } satisfies OutboxSource,
    /**
     * `id` (the job id) is random unless the event has a natural one, e.g. a payment provider's event
     * id: then a second write of the same event names the same job. Never with `:` or all digits.
     */
    event<T extends keyof R & string>(
      type: T,
      payload: PayloadOf<R[T]>,
      at = new Date(),
      id: string = randomUUID(),
    ): OutboxEntry {
      const route = routes[type]!;
      const schema = (JOBS[route.queue] as Record<string, z.ZodType>)[route.job]!;
      return {
        id,
        type,
        payload: schema.parse(payload) as Record<string, unknown>,
        at,
        publishedAt: null,
      };
    },
  };
}

/** Fields for a new document that is created with events (`Model.create({ ...doc, ...withOutbox(e) })`). */
export function withOutbox(entries: OutboxEntry[]) {
  return { outbox: entries, outboxPending: entries.length };
}

/**
 * The update that makes a change, with its events appended: `Model.findOneAndUpdate(guard,
 * appendToOutbox({ $set: { status } , $inc: { version: 1 } }, [event]))`. Merged, so the change's own
 * `$push`/`$inc` survive.
 */
export function appendToOutbox<U extends { $push?: object; $inc?: object }>(
  update: U,
  entries: OutboxEntry[],
) {
  return {
    ...update,
    $push: { ...update.$push, outbox: { $each: entries } },
    $inc: { ...update.$inc, outboxPending: entries.length },
  };
}

export interface OutboxRelayOptions {
  sources: OutboxSource[];
  /** A producer on a fail-fast Redis connection: while Redis is away, adds fail at once and entries wait. */
  jobs: JobQueues;
  logger: Logger;
  intervalMs: number;
  /** Documents read per source and pass; a full batch makes the next pass start at once. */
  batchSize?: number;
}

/** An entry of a type its source no longer routes (a rename without migrating what was pending). */
class UnroutableEntryError extends Error {
  constructor(type: string) {
    super(`no route for outbox event type "${type}"`);
    this.name = 'UnroutableEntryError';
  }
}

type PendingDoc = { _id: unknown } & Pick<OutboxFields, 'outbox'>;

/**
 * Entries are only ever appended, so a position read is stable; the guard on id and publishedAt makes a
 * second mark (another relay's, or the fast path's) a no-op that leaves the count alone. (The test server
 * refuses positional `$` after $elemMatch, see adr/008.) Returns 1 when this call marked it.
 */
async function markPublished(source: OutboxSource, docId: unknown, index: number, entryId: string) {
  const at = `outbox.${index}`;
  const marked = await source.model
    .updateOne(
      { _id: docId, [`${at}.id`]: entryId, [`${at}.publishedAt`]: null },
      { $set: { [`${at}.publishedAt`]: new Date() }, $inc: { outboxPending: -1 } },
    )
    .setOptions({ crossTenant: true });
  return marked.modifiedCount;
}

let fastPath: JobQueues | null = null;

/** Set at boot by processes that can add jobs (API, worker); without it only the relay publishes. */
export function configureOutboxFastPath(jobs: JobQueues | null): void {
  fastPath = jobs;
}

/**
 * Publishes entries the caller has just written, at once, instead of waiting for the relay's next poll
 * (a notice caused by an order event would otherwise wait for two polls). Best effort: any failure
 * leaves the entry pending, and the relay — still the guarantee — publishes it later.
 * `positions[i]` is the index of `entries[i]` in the document's outbox.
 */
export async function publishNow(
  source: OutboxSource,
  docId: unknown,
  entries: readonly OutboxEntry[],
  positions: readonly number[],
): Promise<void> {
  await publishNowMany(source, [{ docId, entries, positions }]);
}

/** publishNow for several documents of one source: the jobs added together, the marks sent in one bulk. */
export async function publishNowMany(
  source: OutboxSource,
  written: ReadonlyArray<{ docId: unknown; entries: readonly OutboxEntry[]; positions: readonly number[] }>,
): Promise<void> {
  if (!fastPath || written.length === 0) return;
  const jobs = fastPath;
  const marks = written.flatMap(({ docId, entries, positions }) =>
    entries.flatMap((entry, i) => {
      const route = source.routes[entry.type];
      return route ? [{ docId, entry, position: positions[i]!, route }] : [];
    }),
  );
  try {
    await Promise.all(
      marks.map(({ entry, route }) =>
        jobs.enqueue(route.queue, route.job as never, entry.payload as never, { jobId: entry.id }),
      ),
    );
    await source.model.bulkWrite(
      marks.map(({ docId, entry, position }) => {
        const at = `outbox.${position}`;
        return {
          updateOne: {
            filter: { _id: docId, [`${at}.id`]: entry.id, [`${at}.publishedAt`]: null },
            update: { $set: { [`${at}.publishedAt`]: new Date() }, $inc: { outboxPending: -1 } },
          },
        };
      }),
      { ordered: false },
    );
  } catch {
    // Redis away or a write failed: the relay will publish what is left.
  }
}

/**
 * Polls each source for documents with unpublished entries, adds one job per entry (job id = entry id,
 * so publishing twice is one job while BullMQ keeps it), then marks the entry with a guarded update that
 * also decrements the count. Several relays may run at once (one per worker process): both add the same
 * job id, one of them marks. Anything that fails leaves the entry pending for the next pass.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private paused = false;
  /** Entries whose payload or type the current code refuses: reported once, then left for a person. */
  private readonly refused = new Set<string>();

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 100;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Waits for a pass under way, so a stopping worker does not close connections underneath it. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass over every source; returns how many entries this relay marked published. */
  async publishPending(): Promise<number> {
    return (await this.pass()).published;
  }

  private async pass(): Promise<{ published: number; more: boolean }> {
    let published = 0;
    let more = false;
    for (const source of this.options.sources) {
      const docs = await source.model
        .find({ outboxPending: trusted({ $gt: 0 }) })
        .select({ outbox: 1 })
        .limit(this.batchSize)
        .setOptions({ crossTenant: true })
        .lean<PendingDoc[]>();
      let publishedHere = 0;
      for (const doc of docs) publishedHere += await this.publishDocument(source, doc);
      published += publishedHere;
      // A full batch that moved something: more may wait behind it. (Refused entries alone must not spin.)
      more ||= docs.length === this.batchSize && publishedHere > 0;
    }
    return { published, more };
  }

  private async publishDocument(source: OutboxSource, doc: PendingDoc): Promise<number> {
    let published = 0;
    for (const [index, entry] of doc.outbox.entries()) {
      if (entry.publishedAt || this.refused.has(entry.id)) continue;
      const route = source.routes[entry.type];
      try {
        if (!route) throw new UnroutableEntryError(entry.type);
        // Dynamic by design: the payload was checked against the route's job schema when it was made.
        await this.options.jobs.enqueue(route.queue, route.job as never, entry.payload as never, {
          jobId: entry.id,
        });
      } catch (error) {
        // Redis away (or any other passing failure): stop the pass, every entry waits for the next one.
        if (!(error instanceof UnroutableEntryError || error instanceof z.ZodError)) throw error;
        this.refused.add(entry.id);
        this.options.logger.error(
          { err: error, source: source.name, entry: entry.id, type: entry.type },
          'outbox entry cannot be published by this version; it stays pending',
        );
        continue;
      }
      published += await markPublished(source, doc._id, index, entry.id);
    }
    return published;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => (this.running = null));
    }, delayMs);
  }

  private async tick(): Promise<void> {
    let delay = this.options.intervalMs;
    try {
      const { more } = await this.pass();
      if (this.paused) this.options.logger.info('outbox relay resumed');
      this.paused = false;
      if (more) delay = 0;
    } catch (error) {
      // Said once per outage, not every poll: the entries are safe in MongoDB and go out on recovery.
      if (!this.paused) this.options.logger.warn({ err: error }, 'outbox relay paused; entries stay pending');
      this.paused = true;
    }
    this.schedule(delay);
  }
}
