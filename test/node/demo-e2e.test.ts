/**
 * End to end: two pages of the demo, served by the real server, call each other through the kit's
 * elements; each sees the other's video, then one leaves and the other sees the tile go.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { chromeArgs, findChromium } from '../../scripts/chromium.mjs';

/** True once the remote tile for `streamID` shows moving video. */
const remoteVideoPlays = (page: Page, streamID: string) =>
  page.waitForFunction(
    (id) => {
      const grid = document.querySelector('zego-stream-grid');
      const tile = grid?.shadowRoot?.querySelector(`zego-remote-stream[stream-id="${id}"]`);
      const video = tile?.shadowRoot?.querySelector('video');
      return !!video && video.videoWidth > 0 && video.currentTime > 0.5;
    },
    streamID,
    { timeout: 20000, polling: 100 },
  );

describe('the demo page (two browsers through the real server)', () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    server = await startServer({ port: 0, static: { '/dist/': 'dist', '/': 'demo' }, log: () => {} });
    browser = await chromium.launch({
      executablePath: findChromium({ install: false }),
      headless: true,
      args: chromeArgs,
    });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('each side sees the other’s video, and leaving removes the tile on the other side', async () => {
    const errors: string[] = [];
    const open = async (user: string, name: string) => {
      const page = await (await browser.newContext()).newPage();
      page.on('pageerror', (e) => errors.push(`${user}: ${e.message}`));
      await page.goto(`${server.url}/?room=e2e&user=${user}&name=${name}`);
      return page;
    };
    const alice = await open('alice', 'Alice');
    const bob = await open('bob', 'Bob');
    await remoteVideoPlays(alice, 'bob_main');
    await remoteVideoPlays(bob, 'alice_main');
    assert.equal(await alice.getAttribute('zego-room', 'state'), 'connected');

    await alice.getByRole('button', { name: 'Leave' }).click();
    await alice.waitForSelector('zego-room', { state: 'detached' });
    assert.equal(await alice.isVisible('form#join'), true, 'the join form is back');
    await bob.waitForFunction(
      () => !document.querySelector('zego-stream-grid')?.shadowRoot?.querySelector('zego-remote-stream'),
      undefined,
      { timeout: 20000 },
    );
    assert.deepEqual(errors, []);
    assert.equal(server.hub.roomView('e2e').users.length, 1, 'only Bob is left in the room');
  });
});
