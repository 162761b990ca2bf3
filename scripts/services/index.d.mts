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
  /** The MongoDB-compatible server's JVM heap (-Xmx), e.g. '14g'; default '1g'. */
  mongoHeap?: string;
  /** JVM flags for a quick start-up at the cost of peak speed; default: on for profile test. */
  mongoFastStart?: boolean;
  log?: (message: string) => void;
}): Promise<StartedServices>;
