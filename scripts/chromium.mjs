// Finds a Chromium for the browser tests, or installs Debian's `chromium` when it can (root +
// apt-get). Prints the path; exits 1 with one line saying how to get one otherwise.
import { cli, findOrInstall } from './find-or-install.mjs';

/**
 * Flags for headless test runs: no sandbox (root), no outside traffic (every host name but this
 * machine's fails to resolve inside the browser), a fake camera and microphone that need no prompt,
 * and autoplay with sound.
 */
export const chromeArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

/** The path of a Chromium to test with; installs one if it must and can. */
export const findChromium = (options = {}) =>
  findOrInstall({
    name: 'Chromium',
    env: 'CHROME_PATH',
    candidates: [
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/usr/bin/google-chrome',
      '/usr/bin/google-chrome-stable',
      '/snap/bin/chromium',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ],
    pkg: 'chromium',
    recommends: false,
    ...options,
  });

cli(import.meta.url, findChromium);
