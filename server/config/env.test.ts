import { ConfigError, loadConfig } from './env';

const minimal = { MONGODB_URI: 'mongodb://127.0.0.1:27017/pasar', REDIS_URL: 'redis://127.0.0.1:6379' };

describe('configuration', () => {
  it('fills defaults from a minimal environment', () => {
    const config = loadConfig(minimal);
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      COOKIE_SECURE: false,
      CORS_ORIGINS: [],
    });
  });

  it('reports every problem at once, naming the variables', () => {
    let error: unknown;
    try {
      loadConfig({ MONGODB_URI: 'postgres://x', PORT: 'eighty', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const key of ['MONGODB_URI', 'REDIS_URL', 'PORT', 'LOG_LEVEL']) expect(problems).toContain(key);
  });

  it('treats empty strings as unset, parses lists and flags', () => {
    const config = loadConfig({
      ...minimal,
      PORT: '',
      CORS_ORIGINS: 'https://a.id, https://b.id',
      COOKIE_SECURE: 'true',
    });
    expect(config.PORT).toBe(3000);
    expect(config.CORS_ORIGINS).toEqual(['https://a.id', 'https://b.id']);
    expect(config.COOKIE_SECURE).toBe(true);
  });

  it('makes cookies secure in production unless told otherwise', () => {
    expect(loadConfig({ ...minimal, NODE_ENV: 'production' }).COOKIE_SECURE).toBe(true);
    expect(loadConfig({ ...minimal, NODE_ENV: 'production', COOKIE_SECURE: 'false' }).COOKIE_SECURE).toBe(
      false,
    );
  });

  it('needs the bucket, region and keys for S3 storage, naming each missing one', () => {
    let error: unknown;
    try {
      loadConfig({ ...minimal, STORAGE_DRIVER: 's3', S3_ACCESS_KEY_ID: 'AKIAEXAMPLE' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'S3_BUCKET: required when STORAGE_DRIVER=s3',
      'S3_REGION: required when STORAGE_DRIVER=s3',
      'S3_SECRET_ACCESS_KEY: required when STORAGE_DRIVER=s3',
    ]);
    const s3 = loadConfig({
      ...minimal,
      STORAGE_DRIVER: 's3',
      S3_BUCKET: 'pasar-umkm',
      S3_REGION: 'ap-southeast-3',
      S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      S3_SECRET_ACCESS_KEY: 'rahasia',
      S3_FORCE_PATH_STYLE: 'true',
    });
    expect(s3).toMatchObject({ STORAGE_DRIVER: 's3', S3_BUCKET: 'pasar-umkm', S3_FORCE_PATH_STYLE: true });
    expect(loadConfig(minimal).STORAGE_DRIVER).toBe('local');
  });

  it('leaves a notice channel off until its first variable, then needs the rest, naming each', () => {
    const off = loadConfig(minimal);
    expect([off.SMTP_HOST, off.WHATSAPP_PHONE_NUMBER_ID, off.OUTBOX_POLL_MS]).toEqual([
      undefined,
      undefined,
      500,
    ]);
    let error: unknown;
    try {
      loadConfig({
        ...minimal,
        SMTP_HOST: 'smtp.example.id',
        SMTP_USER: 'pasar',
        WHATSAPP_PHONE_NUMBER_ID: '1',
      });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems).toEqual([
      'SMTP_FROM: required when SMTP_HOST is set',
      'SMTP_PASS: required when SMTP_USER is set',
      'WHATSAPP_TOKEN: required when WHATSAPP_PHONE_NUMBER_ID is set',
    ]);
    expect(() => loadConfig({ ...minimal, SMTP_HOST: 'smtp.example.id', SMTP_FROM: 'no address' })).toThrow(
      /SMTP_FROM/,
    );
  });

  it('ignores variables it does not own', () => {
    expect(() => loadConfig({ ...minimal, PATH: '/usr/bin', HOME: '/root' })).not.toThrow();
  });
});
