/**
 * The local inbox as a process, for `npm run demo` and `npm run dev` (scripts/lib/stack.mjs starts it):
 *   node --import tsx scripts/inbox/main.ts --smtp-port 2525 --http-port 8025
 * Prints `INBOX_READY` once both ports listen; Ctrl-C or SIGTERM stops it.
 */
import { startInbox } from './inbox';

function portArg(name: string): number {
  const at = process.argv.indexOf(name);
  const port = Number(at >= 0 ? process.argv[at + 1] : NaN);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`usage: main.ts --smtp-port N --http-port N (${name} is missing or not a port)`);
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  const inbox = await startInbox({ smtpPort: portArg('--smtp-port'), httpPort: portArg('--http-port') });
  const stop = () => void inbox.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  console.log(`INBOX_READY smtp=${inbox.smtpPort} url=${inbox.url}`);
}

void main();
