import { z } from 'zod';

/** Queue names and, per job name, the payload schema a producer must satisfy and a processor parses. */
export const QUEUES = { maintenance: 'maintenance' } as const;
export type TQueueName = keyof typeof QUEUES;

export const JOBS = {
  maintenance: {
    'purge-expired': z.strictObject({ version: z.literal(1) }),
  },
} as const satisfies Record<TQueueName, Record<string, z.ZodType>>;
