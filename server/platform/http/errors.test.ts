import express from 'express';
import { pinoHttp } from 'pino-http';
import pino from 'pino';
import { Writable } from 'node:stream';
import request from 'supertest';
import { z } from 'zod';
import { ERROR_STATUS } from '../../../shared/errors';
import { AppError, errorHandler, toAppError } from './errors';

describe('error mapping', () => {
  it('gives every stable code its declared status', () => {
    for (const [code, status] of Object.entries(ERROR_STATUS)) {
      expect(new AppError(code as keyof typeof ERROR_STATUS, 'x').status).toBe(status);
    }
  });

  it('maps zod failures to VALIDATION_FAILED with the path of each issue', () => {
    const parsed = z.strictObject({ a: z.object({ b: z.number() }) }).safeParse({ a: { b: 'x' } });
    const error = toAppError(parsed.error);
    expect(error?.code).toBe('VALIDATION_FAILED');
    expect(error?.details).toEqual({ issues: [{ path: ['a', 'b'], message: expect.any(String) }] });
  });

  it.each([
    ['entity.too.large', 'PAYLOAD_TOO_LARGE', 413],
    ['entity.parse.failed', 'MALFORMED_JSON', 400],
    ['encoding.unsupported', 'UNSUPPORTED_MEDIA_TYPE', 415],
  ])('maps body-parser %s to %s', (type, code, status) => {
    const error = toAppError(Object.assign(new Error('parser'), { type }));
    expect([error?.code, error?.status]).toEqual([code, status]);
  });

  it('leaves anything else unmapped, so it becomes a 500', () => {
    expect(toAppError(new TypeError('bug'))).toBeNull();
    expect(toAppError(Object.assign(new Error('x'), { type: 'something.else' }))).toBeNull();
    expect(toAppError('a string')).toBeNull();
  });

  it('answers a bug with a generic 500 that hides the internals, and logs them', async () => {
    const lines: string[] = [];
    const logger = pino(
      {},
      new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }),
    );
    const app = express();
    app.use(pinoHttp({ logger }));
    app.get('/bug', () => {
      throw new TypeError('secret internals');
    });
    app.get('/known', () => {
      throw new AppError('LAST_ADMIN', 'Tetap satu admin.');
    });
    app.use(errorHandler);
    const res = await request(app).get('/bug').expect(500);
    expect(res.body).toEqual({ error: { code: 'INTERNAL', message: expect.any(String) } });
    expect(res.text).not.toContain('secret internals');
    expect(lines.join('')).toContain('secret internals');
    const known = await request(app).get('/known').expect(409);
    expect(known.body).toEqual({ error: { code: 'LAST_ADMIN', message: 'Tetap satu admin.' } });
  });
});
