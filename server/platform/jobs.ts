import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import { JOBS, QUEUES, type TQueueName } from '../../shared/jobs';

type JobName<Q extends TQueueName> = keyof (typeof JOBS)[Q] & string;
type JobData<Q extends TQueueName, N extends JobName<Q>> = z.input<(typeof JOBS)[Q][N]>;

export interface EnqueueOptions {
  /** Deterministic: the same work asked for twice is one job (BullMQ ignores a second add with the id). */
  jobId: string;
  delayMs?: number;
}

/**
 * The producer side of every queue, for the API and for workers that hand work on. Payloads are checked
 * against the queue's schema here, so a bad job fails where it is made, not later in a worker.
 */
export class JobQueues {
  private readonly queues = new Map<TQueueName, Queue>();

  constructor(
    private readonly connection: Redis,
    private readonly prefix: string,
  ) {}

  async enqueue<Q extends TQueueName, N extends JobName<Q>>(
    queue: Q,
    name: N,
    data: JobData<Q, N>,
    options: EnqueueOptions,
  ): Promise<void> {
    const schema = JOBS[queue][name] as z.ZodType;
    const payload = schema.parse(data);
    // Fail fast while Redis is away: BullMQ would wait for it to come back, and so would the request.
    if (this.connection.status !== 'ready') {
      throw new Error(`job not queued: redis is ${this.connection.status}`);
    }
    const jobOptions: JobsOptions = {
      jobId: options.jobId,
      delay: options.delayMs,
      attempts: 5,
      backoff: { type: 'exponential', delay: 2_000 },
      removeOnComplete: { age: 24 * 3600, count: 1_000 },
      // Failed jobs stay for a week, visible to whoever looks into the queue.
      removeOnFail: { age: 7 * 24 * 3600 },
    };
    await this.queue(queue).add(name, payload, jobOptions);
  }

  private queue(name: TQueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(QUEUES[name], { connection: this.connection, prefix: this.prefix });
      this.queues.set(name, queue);
    }
    return queue;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }
}

/** BullMQ keys live under the deployment's Redis prefix, like every other key of this app. */
export function bullPrefix(redisKeyPrefix: string): string {
  return `${redisKeyPrefix}bull`;
}
