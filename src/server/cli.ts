/**
 * `zego-elements serve` and `zego-elements token`. Node only.
 */
import { parseIceServers } from './ice.js';
import type { IceServer } from '../hub/protocol.js';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { startServer } from './server.js';
import { createLogger, isLogLevel, LOG_LEVELS } from './logger.js';
import { generateToken04, verifyToken04, type Token04Variant } from '../hub/token04.js';
import { errorCodeOf, messageOf } from '../core/errors.js';

const USAGE = `Usage:
  zego-elements serve [--port 8000] [--host 127.0.0.1] [--app-id N] [--server-secret S] [--static DIR]
                      [--heartbeat-interval 5000] [--heartbeat-timeout 12000]
                      [--tls-cert FILE --tls-key FILE] [--allowed-origins URL,URL]
                      [--max-connections-per-ip 100] [--token-rate 2] [--token-burst 20] [--trust-proxy]
                      [--log info] [--drain-timeout 10000] [--no-metrics]
                      [--ice-servers JSON|FILE] [--turn-url turn:HOST:3478 --turn-secret S [--turn-ttl 86400]]
                      [--redis redis://HOST:6379]
      Serves the demo call page, dist/ and the signalling WebSocket at /ws, /healthz, /readyz and
      /metrics. A client silent for the heartbeat timeout (ms) is dropped, its streams deleted.
      Without --server-secret it runs in dev mode: an ephemeral secret, GET /api/token, and pages
      from loopback origins may connect. Logs are JSON lines on stdout (levels: ${LOG_LEVELS.join(', ')}).
      On SIGTERM or SIGINT it drains: /readyz says 503, clients are told to reconnect (1012), and it
      exits once they are gone or after the drain timeout (ms). Each client gets the --ice-servers
      and, with --turn-url, TURN credentials of its own (coturn's use-auth-secret) at login.
      With --redis, any number of servers started with the same Redis, app ID and server secret
      are one service: a room lives on one of them and its clients may connect to any.
      Environment: PORT, HOST, ZEGO_APP_ID, ZEGO_SERVER_SECRET, LOG_LEVEL, REDIS_URL.
  zego-elements token --app-id N --server-secret S --user-id U [--room-id R] [--ttl 3600] [--variant gcm|cbc]
      Prints a token04 (with --room-id: scoped to that room, login and publish allowed).
  zego-elements token --verify TOKEN --app-id N --server-secret S [--user-id U]
      Prints the token's JSON plaintext, or exits 1 with the reason.`;

/** Thrown for bad command lines; the CLI prints it with the usage. */
class UsageError extends Error {}

type Flags = Record<string, string>;

/** `switches` take no value (`--trust-proxy`); they read as `'true'`. */
function parseFlags(args: string[], known: string[], switches: string[] = []): Flags {
  const flags: Flags = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (switches.includes(name)) {
      if (eq > 0) throw new UsageError(`--${name} takes no value`);
      flags[name] = 'true';
      continue;
    }
    if (!known.includes(name)) throw new UsageError(`unknown option --${name}`);
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    flags[name] = value;
  }
  return flags;
}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new UsageError(`--${name} must be a non-negative integer, got "${value}"`);
  return n;
}

function required(flags: Flags, name: string): string {
  const v = flags[name];
  if (v === undefined || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

/** Where the package's own files are: the demo page and the built bundles. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return dir;
}

function readPEM(flag: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--${flag}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

async function serve(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const flags = parseFlags(
    args,
    [
      'port',
      'host',
      'app-id',
      'server-secret',
      'static',
      'heartbeat-interval',
      'heartbeat-timeout',
      'tls-cert',
      'tls-key',
      'allowed-origins',
      'max-connections-per-ip',
      'token-rate',
      'token-burst',
      'log',
      'drain-timeout',
      'ice-servers',
      'turn-url',
      'turn-secret',
      'turn-ttl',
      'redis',
    ],
    ['trust-proxy', 'no-metrics'],
  );
  const level = flags.log ?? env.LOG_LEVEL ?? 'info';
  if (!isLogLevel(level)) throw new UsageError(`--log must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`);
  if ((flags['tls-cert'] === undefined) !== (flags['tls-key'] === undefined))
    throw new UsageError('--tls-cert and --tls-key go together');
  const tls =
    flags['tls-cert'] !== undefined && flags['tls-key'] !== undefined
      ? { cert: readPEM('tls-cert', flags['tls-cert']), key: readPEM('tls-key', flags['tls-key']) }
      : undefined;
  const origins = flags['allowed-origins']
    ?.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const drainTimeout = integer('drain-timeout', flags['drain-timeout']) ?? 10_000;
  const ice = flags['ice-servers'];
  let iceServers: IceServer[] | undefined;
  try {
    // JSON, or a file holding it.
    if (ice !== undefined) iceServers = parseIceServers(ice.trim().startsWith('[') ? ice : readFileSync(ice, 'utf8'));
  } catch (err) {
    throw new UsageError(`--ice-servers: ${err instanceof Error ? err.message : String(err)}`);
  }
  const turnUrls = flags['turn-url']
    ?.split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  if (!turnUrls !== (flags['turn-secret'] === undefined))
    throw new UsageError('--turn-url and --turn-secret go together');
  if (turnUrls?.some((u) => !/^turns?:/.test(u))) throw new UsageError('--turn-url takes turn: or turns: URLs');
  const turnTTL = integer('turn-ttl', flags['turn-ttl']);
  const turn = turnUrls
    ? { urls: turnUrls, secret: flags['turn-secret']!, ...(turnTTL ? { ttl: turnTTL } : {}) }
    : undefined;
  const redis = flags.redis ?? env.REDIS_URL;
  if (redis !== undefined && !/^rediss?:\/\//.test(redis))
    throw new UsageError(`--redis takes a redis:// or rediss:// URL, got "${redis}"`);
  if (redis !== undefined && (flags['server-secret'] ?? env.ZEGO_SERVER_SECRET) === undefined)
    throw new UsageError('--redis needs --server-secret: every node of a cluster verifies the same tokens');
  const logger = createLogger(level);
  const hub: { heartbeatInterval?: number; heartbeatTimeout?: number } = {};
  const interval = integer('heartbeat-interval', flags['heartbeat-interval']);
  const timeout = integer('heartbeat-timeout', flags['heartbeat-timeout']);
  if (interval) hub.heartbeatInterval = interval;
  if (timeout) hub.heartbeatTimeout = timeout;
  const root = packageRoot();
  const demo = flags.static ?? join(root, 'demo');
  // Handle signals before the server announces its URL: a supervisor may stop us as soon as it reads it.
  let stop: (signal: NodeJS.Signals) => void = () => undefined;
  const stopping = new Promise<NodeJS.Signals>((got) => (stop = got));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const server = await startServer({
    port: integer('port', flags.port ?? env.PORT) ?? 8000,
    host: flags.host ?? env.HOST ?? '127.0.0.1',
    appID: integer('app-id', flags['app-id'] ?? env.ZEGO_APP_ID),
    serverSecret: flags['server-secret'] ?? env.ZEGO_SERVER_SECRET,
    static: { '/dist/': join(root, 'dist'), '/': demo },
    hub,
    tls,
    allowedOrigins: origins,
    maxConnectionsPerIP: integer('max-connections-per-ip', flags['max-connections-per-ip']),
    tokenRequestsPerSecond: integer('token-rate', flags['token-rate']),
    tokenRequestBurst: integer('token-burst', flags['token-burst']),
    trustProxy: flags['trust-proxy'] === 'true',
    metrics: flags['no-metrics'] !== 'true',
    logger,
    ...(iceServers ? { iceServers } : {}),
    ...(turn ? { turn } : {}),
    ...(redis ? { redis } : {}),
  });
  const signal = await stopping;
  logger.info({ signal, drainTimeout }, `${signal}: draining`);
  // A second signal stops at once.
  const again = () => void server.close();
  process.once('SIGINT', again);
  process.once('SIGTERM', again);
  await server.drain(drainTimeout);
  process.off('SIGINT', again);
  process.off('SIGTERM', again);
  return 0;
}

async function token(args: string[]): Promise<number> {
  const flags = parseFlags(args, ['app-id', 'server-secret', 'user-id', 'room-id', 'ttl', 'variant', 'verify']);
  const appID = integer('app-id', required(flags, 'app-id')) as number;
  const secret = required(flags, 'server-secret');
  if (flags.verify !== undefined) {
    try {
      const plain = await verifyToken04(flags.verify, appID, secret, { userID: flags['user-id'] });
      const { variant, ...json } = plain;
      console.log(JSON.stringify(json));
      console.error(`valid ${variant.toUpperCase()} token`);
      return 0;
    } catch (err) {
      console.error(`invalid token: ${messageOf(err)} (${errorCodeOf(err) ?? 'error'})`);
      return 1;
    }
  }
  const variant = (flags.variant ?? 'gcm') as Token04Variant;
  if (variant !== 'gcm' && variant !== 'cbc') throw new UsageError('--variant must be gcm or cbc');
  const room = flags['room-id'];
  const payload = room ? JSON.stringify({ room_id: room, privilege: { 1: 1, 2: 1 }, stream_id_list: null }) : '';
  const ttl = integer('ttl', flags.ttl) ?? 3600;
  console.log(await generateToken04(appID, required(flags, 'user-id'), secret, ttl, payload, { variant }));
  return 0;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'serve') return await serve(rest, env);
    if (command === 'token') return await token(rest);
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      console.log(USAGE);
      return command === undefined ? 1 : 0;
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`zego-elements: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    const code = errorCodeOf(err);
    console.error(`zego-elements: ${messageOf(err)}${code ? ` (${code})` : ''}`);
    return 1;
  }
}
