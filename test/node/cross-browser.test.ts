/**
 * A Chromium page and a Firefox page call each other through the demo and the real server: video
 * frames advance both ways with live audio, a microphone or camera turned off on one side shows on
 * the other, and leaving removes the tile. Chromium is driven by Playwright, Firefox (Debian's
 * Firefox ESR) by puppeteer-core over WebDriver BiDi.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser as ChromiumBrowser } from 'playwright';
import * as puppeteer from 'puppeteer-core';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { chromeArgs, findChromium } from '../../scripts/chromium.mjs';
import { findFirefox, firefoxPrefs } from '../../scripts/firefox.mjs';

/** What both drivers' pages can do: run a function in the page with one argument. */
interface AnyPage {
  evaluate<R, A>(fn: (arg: A) => R, arg: A): Promise<R>;
  evaluate(source: string): Promise<unknown>;
}

/** Polls `probe` in the page until it returns something truthy. */
async function until<R, A>(
  page: AnyPage,
  probe: (arg: A) => R,
  arg: A,
  what: string,
  timeout = 20000,
): Promise<NonNullable<R>> {
  const start = Date.now();
  for (;;) {
    const value = await page.evaluate(probe, arg);
    if (value) return value as NonNullable<R>;
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * In-page helpers, as source (installed in each page after it loads): `__tile(streamID)` is the other
 * side's tile as the page shows it (video time and size, audio, badges) or null; `__click(name)`
 * clicks one of the page's call controls (`microphone`, `camera`, `leave`).
 */
const HELPERS = `
globalThis.__tile = (streamID) => {
  const grid = document.querySelector('zego-call')?.shadowRoot?.querySelector('zego-stream-grid');
  const root = grid?.shadowRoot?.querySelector('zego-remote-stream[stream-id="' + streamID + '"]')?.shadowRoot;
  const video = root?.querySelector('video');
  if (!root || !video) return null;
  const audio = video.srcObject?.getAudioTracks()[0];
  return {
    time: video.currentTime,
    width: video.videoWidth,
    audioLive: !!audio && audio.readyState === 'live' && !audio.muted,
    micOffShown: !root.querySelector('[part~="muted"]').hidden,
    avatarShown: !root.querySelector('[part~="avatar"]').hidden,
  };
};
globalThis.__click = (name) => {
  const controls = document.querySelector('zego-call')?.shadowRoot?.querySelector('zego-call-controls');
  const button = controls?.shadowRoot?.querySelector('button[part~="' + name + '"]');
  button?.click();
  return !!button;
};`;

interface Tile {
  time: number;
  width: number;
  audioLive: boolean;
  micOffShown: boolean;
  avatarShown: boolean;
}
type Helpers = { __tile(id: string): Tile | null; __click(name: string): boolean };
const tileOf = (id: string) => (globalThis as unknown as Helpers).__tile(id);
const clickControl = (name: string) => (globalThis as unknown as Helpers).__click(name);

/** Waits until the tile of `streamID` shows video whose time moves on by `seconds`. */
async function framesAdvance(page: AnyPage, streamID: string, seconds = 1): Promise<void> {
  const first = await until(
    page,
    (id) => {
      const t = (globalThis as unknown as Helpers).__tile(id);
      return t && t.width > 0 && t.time > 0 ? t : null;
    },
    streamID,
    `video of ${streamID}`,
  );
  await until(
    page,
    ([id, from]) => ((globalThis as unknown as Helpers).__tile(id as string)?.time ?? 0) > (from as number),
    [streamID, first.time + seconds] as const,
    `${streamID}'s video to advance`,
  );
}

describe('Chromium and Firefox call each other (the demo, through the real server)', () => {
  let server: RunningServer;
  let chrome: ChromiumBrowser;
  let firefox: puppeteer.Browser;

  before(async () => {
    server = await startServer({ port: 0, static: { '/dist/': 'dist', '/': 'demo' }, log: () => {} });
    chrome = await chromium.launch({
      executablePath: findChromium({ install: false }),
      headless: true,
      args: chromeArgs,
    });
    firefox = await puppeteer.launch({
      browser: 'firefox',
      executablePath: findFirefox({ install: false }),
      headless: true,
      extraPrefsFirefox: firefoxPrefs,
    });
  });

  after(async () => {
    await chrome?.close();
    await firefox?.close();
    await server?.close();
  });

  it('video and audio both ways, mute states on the other side, leave removes the tile', async () => {
    const errors: string[] = [];
    const url = (user: string) => `${server.url}/?room=cross&user=${user}&name=${user}&lang=en`;
    const c = await (await chrome.newContext()).newPage();
    c.on('pageerror', (e) => errors.push(`chromium: ${e.message}`));
    await c.goto(url('chromium'));
    const f = await firefox.newPage();
    f.on('pageerror', (e) => errors.push(`firefox: ${String(e)}`));
    await f.bringToFront(); // Firefox lists devices only while its window has focus
    await f.goto(url('firefox'));
    await c.evaluate(HELPERS);
    await f.evaluate(HELPERS);

    // Each sees the other's video move on, with a live audio track.
    await framesAdvance(c, 'firefox_main');
    await framesAdvance(f, 'chromium_main');
    assert.equal((await c.evaluate(tileOf, 'firefox_main'))?.audioLive, true, 'Firefox → Chromium audio');
    assert.equal((await f.evaluate(tileOf, 'chromium_main'))?.audioLive, true, 'Chromium → Firefox audio');

    // Firefox turns its microphone off: Chromium shows the badge. Chromium its camera: Firefox the avatar.
    assert.equal(await f.evaluate(clickControl, 'microphone'), true);
    await until(
      c,
      (id) => (globalThis as unknown as Helpers).__tile(id)?.micOffShown,
      'firefox_main',
      'the microphone-off badge in Chromium',
    );
    assert.equal(await c.evaluate(clickControl, 'camera'), true);
    await until(
      f,
      (id) => (globalThis as unknown as Helpers).__tile(id)?.avatarShown,
      'chromium_main',
      'the avatar in Firefox',
    );
    // And back on: Firefox's video moves again in Chromium... and Chromium's in Firefox.
    assert.equal(await c.evaluate(clickControl, 'camera'), true);
    await until(
      f,
      (id) => (globalThis as unknown as Helpers).__tile(id)?.avatarShown === false,
      'chromium_main',
      'the camera back in Firefox',
    );
    await framesAdvance(f, 'chromium_main');

    // Firefox leaves: its tile goes from Chromium's page.
    assert.equal(await f.evaluate(clickControl, 'leave'), true);
    await until(
      c,
      (id) => (globalThis as unknown as Helpers).__tile(id) === null,
      'firefox_main',
      "Firefox's tile to go",
    );
    assert.deepEqual(errors, []);
  });
});
