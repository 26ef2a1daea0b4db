// The element tests and the browser-capability tests in Firefox: Debian's Firefox ESR driven by
// puppeteer-core over WebDriver BiDi, headless, with the prefs of scripts/firefox.mjs.
import { chromeLauncher } from '@web/test-runner-chrome';
import * as puppeteer from 'puppeteer-core';
import base from './web-test-runner.config.mjs';
import { findFirefox, firefoxPrefs } from './scripts/firefox.mjs';

export default {
  ...base,
  files: process.env.FIREFOX_FILES?.split(',') ?? ['test/browser/components/*.test.ts', 'test/browser/no-*.test.ts'],
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
