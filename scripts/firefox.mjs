// Finds a Firefox for the browser tests, or installs Debian's `firefox-esr` when it can (root +
// apt-get, without recommended packages). Prints the path; exits 1 with one line saying how to get
// one otherwise.
import { cli, findOrInstall } from './find-or-install.mjs';

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

/** The path of a Firefox to test with; installs one if it must and can. */
export const findFirefox = (options = {}) =>
  findOrInstall({
    name: 'Firefox',
    env: 'FIREFOX_PATH',
    candidates: ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/Applications/Firefox.app/Contents/MacOS/firefox'],
    pkg: 'firefox-esr',
    recommends: false,
    ...options,
  });

cli(import.meta.url, findFirefox);
