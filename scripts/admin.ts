/**
 * Admin CLI for what has no self-service: Dinkop accounts, and recomputing the sales rollups.
 *   npm run admin -- create-dinkop-user --email kurator@dinkop.karawangkab.go.id --name "Dewi Lestari" \
 *     --role curator [--organisation "Dinas Koperasi dan UKM Kabupaten Karawang"]
 * The password comes from ADMIN_NEW_PASSWORD, or a strong one is generated and printed once.
 *   npm run admin -- rebuild-rollups
 * recomputes every sales rollup from the orders and display sales (docs/adr/014); safe while workers run.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ZEmail, ZNewPassword, ZPersonName } from '../shared/contracts/common';
import { ROLES_BY_KIND } from '../shared/contracts/organisations';
import { connectMongo, disconnectMongo } from '../server/platform/db';
import { createDinkopAccount } from '../server/modules/accounts';
import { rebuildRollups } from '../server/modules/reports';

const USAGE = `usage: npm run admin -- create-dinkop-user --email E --name N --role admin|curator|analyst [--role …] [--organisation NAME]
       npm run admin -- rebuild-rollups`;

export const ZCreateDinkopUserArgs = z.strictObject({
  email: ZEmail,
  name: ZPersonName,
  role: z.array(z.enum(ROLES_BY_KIND.dinkop)).min(1),
  organisation: z.string().trim().min(3).default('Dinas Koperasi dan UKM Kabupaten Karawang'),
});

export function parseCreateDinkopUser(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      organisation: { type: 'string' },
    },
    strict: true,
  });
  return ZCreateDinkopUserArgs.parse(values);
}

async function rebuildRollupsCommand(argv: string[]): Promise<number> {
  if (argv.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const uri = process.env.MONGODB_URI;
  if (!uri) {
    console.error('MONGODB_URI is not set: point it at the database to change.');
    return 2;
  }
  await connectMongo(uri);
  try {
    const started = Date.now();
    const result = await rebuildRollups();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `Rebuilt the sales rollups in ${seconds} s: ${result.increments} increments into ${result.documents.kecamatan} kecamatan and ${result.documents.seller} seller documents; ${result.caughtUp} re-applied for changes made meanwhile.`,
    );
    return 0;
  } finally {
    await disconnectMongo();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'rebuild-rollups') return rebuildRollupsCommand(rest);
  if (command !== 'create-dinkop-user') {
    console.error(USAGE);
    return 2;
  }
  const parsedArgs = (() => {
    try {
      return parseCreateDinkopUser(rest);
    } catch (error) {
      console.error(error instanceof z.ZodError ? z.prettifyError(error) : String(error));
      console.error(USAGE);
      return null;
    }
  })();
  if (!parsedArgs) return 2;
  const fromEnv = process.env.ADMIN_NEW_PASSWORD;
  const password = fromEnv ?? `${randomBytes(12).toString('base64url')}7a`;
  if (fromEnv && !ZNewPassword.safeParse(fromEnv).success) {
    console.error('ADMIN_NEW_PASSWORD is too weak: at least 10 characters with letters and digits.');
    return 2;
  }
  const uri = process.env.MONGODB_URI;
  if (!uri) {
    console.error('MONGODB_URI is not set: point it at the database to change.');
    return 2;
  }
  await connectMongo(uri);
  try {
    const result = await createDinkopAccount({
      organisationName: parsedArgs.organisation,
      email: parsedArgs.email,
      name: parsedArgs.name,
      password,
      roles: parsedArgs.role,
    });
    if (!result.created) {
      console.log(`${parsedArgs.email} already exists in ${parsedArgs.organisation}; nothing changed.`);
    } else {
      console.log(
        `Created ${parsedArgs.email} (${parsedArgs.role.join(', ')}) in ${parsedArgs.organisation}.`,
      );
      if (!fromEnv) console.log(`Password (shown once, ask them to change it): ${password}`);
    }
    return 0;
  } finally {
    await disconnectMongo();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
