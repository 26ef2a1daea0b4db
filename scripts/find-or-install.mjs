// Finds a program the tests need, or installs its Debian package when it can (root + apt-get).
// Fails with one line saying how to get it otherwise.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/**
 * The path of a program: `$env` when set (it must exist), else the first of `candidates` that
 * exists, else Debian's `pkg` installed with apt-get (`recommends: false` leaves its recommended
 * packages out) when running as root and `install` is on.
 */
export function findOrInstall({ name, env, candidates, pkg, recommends = true, install = true, log = console.error }) {
  const fromEnv = process.env[env];
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`${env} is set to ${fromEnv}, which does not exist.`);
  }
  const found = candidates.find((p) => existsSync(p));
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (install && isRoot && existsSync('/usr/bin/apt-get')) {
    log(`No ${name} found: installing Debian's ${pkg} with apt-get…`);
    const environment = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env: environment });
    const args = ['install', '-y', '-qq', ...(recommends ? [] : ['--no-install-recommends']), pkg];
    execFileSync('apt-get', args, { stdio: 'inherit', env: environment });
    const installed = candidates.find((p) => existsSync(p));
    if (installed) return installed;
  }
  throw new Error(
    `No ${name} found: install one (Debian/Ubuntu: sudo apt-get install${recommends ? '' : ' --no-install-recommends'} ${pkg}) or set ${env}.`,
  );
}

/** Runs `find` as a command line: prints the path, or the reason and exit 1. */
export function cli(url, find) {
  if (url !== `file://${process.argv[1]}`) return;
  try {
    console.log(find({ install: process.argv.includes('--install') }));
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
