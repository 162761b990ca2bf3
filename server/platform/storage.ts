import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/env';
import { PROJECT_ROOT } from './paths';

/**
 * Where uploaded files live. Keys are made by the server (never from user input) and look like
 * `legality/<organisationId>/<documentId>/<sha256>`. Local disk today; an S3-compatible adapter can
 * implement the same three calls.
 */
export interface StoragePort {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
}

const SAFE_KEY = /^[a-z0-9_-]+(\/[A-Za-z0-9_-]+)+$/;

export class LocalDiskStorage implements StoragePort {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    if (!SAFE_KEY.test(key)) throw new Error(`unsafe storage key: ${key}`);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, data: Buffer): Promise<void> {
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    // Write then rename would be atomic, but keys are content hashes: a retried write writes the same bytes.
    await writeFile(file, data);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}

/** The store this deployment is configured for; STORAGE_DIR is relative to the project root. */
export function createStorage(config: Config): StoragePort {
  return new LocalDiskStorage(path.resolve(PROJECT_ROOT, config.STORAGE_DIR));
}
