/**
 * Backup and restore of the configured database (DATABASE_URL, else the embedded one):
 *   backup [--out FILE]                    pg_dump -Fc, by default to backups/crm-<timestamp>.dump
 *   restore FILE [--target URL] [--clean]  pg_restore in one transaction, without owners; a
 *                                          non-empty target is refused, or with --clean replaced
 * Passwords go to pg_dump / pg_restore through PGPASSWORD, never on their command line or in output.
 * PG_BIN_DIR picks the folder of the PostgreSQL client programs when the right ones are not found.
 */
import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { validateEnvironment } from '../config/environment';
import { PROJECT_ROOT } from '../config/paths';
import { BackupError, backupDatabase, restoreDatabase } from './backup';
import { startDatabaseServer } from './database-server';

const USAGE =
  'usage: npm run db:backup [-- --out FILE]\n' +
  '       npm run db:restore -- FILE [--target URL] [--clean]';

function parse(args: string[]) {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) positional.push(arg);
    else if (match[2] !== undefined) flags[match[1]] = match[2];
    else if (match[1] === 'clean') flags.clean = true;
    else if (i + 1 < args.length) flags[match[1]] = args[++i];
    else throw new BackupError(`--${match[1]} needs a value\n${USAGE}`);
  }
  return { positional, flags };
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function defaultBackupFile(): string {
  const stamp = new Date()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
  return join(PROJECT_ROOT, 'backups', `crm-${stamp}.dump`);
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== 'backup' && command !== 'restore') {
    console.error(USAGE);
    return 2;
  }
  const { positional, flags } = parse(rest);
  const allowed = command === 'backup' ? ['out'] : ['target', 'clean'];
  const unknown = Object.keys(flags).filter((flag) => !allowed.includes(flag));
  if (unknown.length > 0 || positional.length !== (command === 'backup' ? 0 : 1)) {
    console.error(USAGE);
    return 2;
  }
  const target = typeof flags.target === 'string' ? flags.target : undefined;
  const env = validateEnvironment({
    ...process.env,
    ...(target ? { DATABASE_URL: target } : {}),
  });
  const server = await startDatabaseServer(env, { shareWithLiveOwner: true });
  try {
    if (command === 'backup') {
      const file = resolve(typeof flags.out === 'string' ? flags.out : defaultBackupFile());
      mkdirSync(dirname(file), { recursive: true });
      const result = await backupDatabase(server.url, file);
      const shown = relative(process.cwd(), file).startsWith('..')
        ? file
        : relative(process.cwd(), file);
      console.log(
        `wrote ${shown} (${formatBytes(result.bytes)}, ${result.bytes} bytes) in ${result.ms} ms: ` +
          `PostgreSQL ${result.serverVersion} dumped by ${result.client.path} (${result.client.major})`,
      );
      return 0;
    }
    const file = resolve(positional[0]);
    const result = await restoreDatabase(server.url, file, { clean: flags.clean === true });
    if (result.warning) console.warn(`warning: ${result.warning}`);
    console.log(
      `restored ${positional[0]} into PostgreSQL ${result.serverVersion}` +
        `${result.replaced ? ' (replacing the database whole)' : ''} in ${result.ms} ms ` +
        `with ${result.client.path} (${result.client.major})`,
    );
    return 0;
  } finally {
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`${process.argv[2] ?? 'backup'} failed: ${message}`);
    process.exit(1);
  },
);
