// Types for the TypeScript scripts that start services in-process (scripts/bench); see index.mjs.

export interface StartedServices {
  mongoUri: string;
  redisUrl: string;
  stripeMockUrl?: string;
  chromiumPath?: string;
  exited: Promise<{ name: string; code: number | null; signal: string | null }>;
  stop(): Promise<void>;
}

export function startServices(options?: {
  profile?: 'test' | 'local';
  projectRoot?: string;
  stripe?: boolean;
  chromium?: boolean;
  log?: (message: string) => void;
}): Promise<StartedServices>;
