// Finds coturn's `turnserver` for the TURN tests (they start their own on loopback), or installs
// Debian's `coturn` without recommended packages.
import { cli, findOrInstall } from './find-or-install.mjs';

/** The path of coturn's turnserver; installs it if it must and can. */
export const findTurnserver = (options = {}) =>
  findOrInstall({
    name: 'turnserver',
    env: 'TURNSERVER_PATH',
    candidates: ['/usr/bin/turnserver', '/usr/local/bin/turnserver', '/opt/homebrew/bin/turnserver'],
    pkg: 'coturn',
    recommends: false,
    ...options,
  });

cli(import.meta.url, findTurnserver);
