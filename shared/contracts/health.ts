import { z } from 'zod';

export const ZHealthResponse = z.strictObject({ status: z.literal('ok') });
export const ZReadinessResponse = z.strictObject({
  status: z.enum(['ready', 'unavailable']),
  checks: z.strictObject({ mongo: z.enum(['up', 'down']), redis: z.enum(['up', 'down']) }),
});
