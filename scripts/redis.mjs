// Finds `redis-server` for the cluster tests (they start their own on loopback), or installs
// Debian's `redis-server` without recommended packages.
import { cli, findOrInstall } from './find-or-install.mjs';

/** The path of redis-server; installs it if it must and can. */
export const findRedisServer = (options = {}) =>
  findOrInstall({
    name: 'redis-server',
    env: 'REDIS_SERVER_PATH',
    candidates: ['/usr/bin/redis-server', '/usr/local/bin/redis-server', '/opt/homebrew/bin/redis-server'],
    pkg: 'redis-server',
    recommends: false,
    ...options,
  });

cli(import.meta.url, findRedisServer);
