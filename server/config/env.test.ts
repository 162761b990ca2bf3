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

  it('ignores variables it does not own', () => {
    expect(() => loadConfig({ ...minimal, PATH: '/usr/bin', HOME: '/root' })).not.toThrow();
  });
});
