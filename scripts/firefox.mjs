// Finds a Firefox for the browser tests, or installs Debian's `firefox-esr` when it can (root +
// apt-get, without recommended packages). Prints the path; exits 1 with one line saying how to get
// one otherwise.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/**
 * Prefs for headless test runs: a fake camera and microphone that need no prompt, autoplay with
 * sound, and a mock sound output (a machine without a sound device otherwise never starts audio
 * and lists no outputs).
 */
export const firefoxPrefs = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'media.autoplay.default': 0,
  'media.autoplay.blocking_policy': 0,
  'media.cubeb.force_mock_context': true,
  'browser.shell.checkDefaultBrowser': false,
};

const CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/Applications/Firefox.app/Contents/MacOS/firefox'];

/** The path of a Firefox to test with; installs one if it must and can. */
export function findFirefox({ install = true, log = console.error } = {}) {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`FIREFOX_PATH is set to ${fromEnv}, which does not exist.`);
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (install && isRoot && existsSync('/usr/bin/apt-get')) {
    log("No Firefox found: installing Debian's firefox-esr with apt-get…");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'firefox-esr'], {
      stdio: 'inherit',
      env,
    });
    if (existsSync('/usr/bin/firefox-esr')) return '/usr/bin/firefox-esr';
  }
  throw new Error(
    'No Firefox found: install one (Debian: sudo apt-get install --no-install-recommends firefox-esr) or set FIREFOX_PATH to a Firefox binary.',
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(findFirefox({ install: process.argv.includes('--install') }));
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
