// The element tests and the browser-capability tests in Firefox: Debian's Firefox ESR driven by
// puppeteer-core over WebDriver BiDi, headless, with the prefs of scripts/firefox.mjs.
import { chromeLauncher } from '@web/test-runner-chrome';
import * as puppeteer from 'puppeteer-core';
import base from './web-test-runner.config.mjs';
import { findFirefox, firefoxPrefs } from './scripts/firefox.mjs';

export default {
  ...base,
  // Picture-in-picture's tests are for the browsers that have it: in Firefox (which has none) the
  // gestures tests check that there is no button.
  files: process.env.FIREFOX_FILES?.split(',') ?? [
    'test/browser/components/*.test.ts',
    '!test/browser/components/pip.test.ts',
    'test/browser/no-*.test.ts',
  ],
  browsers: [
    chromeLauncher({
      puppeteer,
      launchOptions: {
        browser: 'firefox',
        executablePath: findFirefox(),
        headless: true,
        extraPrefsFirefox: firefoxPrefs,
      },
    }),
  ],
};
