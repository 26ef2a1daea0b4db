/**
 * End to end: two pages of the demo, served by the real server, call each other through the kit's
 * elements; each sees the other's video, then one leaves and the other sees the tile go.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
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

  it('follows the browser’s language: a zh-CN browser gets the page and the elements in Chinese', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${server.url}/?room=e2e-zh&user=li&name=Li`);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    await page.getByRole('button', { name: '离开' }).click();
    assert.equal(await page.textContent('form#join h1'), '加入通话');
    await context.close();
  });

  it('remembers the name, keeps the room, and after leaving puts the focus on the form’s first field', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.fill('input[name="room"]', 'e2e-form');
    await page.fill('input[name="name"]', 'Carol');
    await page.click('form#join button');
    await page.waitForFunction(() => document.querySelector('zego-room')?.getAttribute('state') === 'connected');

    // In the call the page still has a top-level heading (axe: page-has-heading-one).
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
    const axe = await page.evaluate(async () => {
      const result = await (globalThis as any).axe.run(document, { runOnly: ['page-has-heading-one'] });
      return { violations: result.violations.length, passes: result.passes.length };
    });
    assert.deepEqual(axe, { violations: 0, passes: 1 });

    await page.getByRole('button', { name: 'Leave' }).click();
    await page.waitForSelector('zego-room', { state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'room');
    assert.equal(await page.inputValue('input[name="room"]'), 'e2e-form', 'the room field keeps the room');

    // A new visit: the name is remembered; a room in the URL fills the room field.
    await page.goto(`${server.url}/?room=e2e-next`);
    assert.equal(await page.inputValue('input[name="name"]'), 'Carol');
    assert.equal(await page.inputValue('input[name="room"]'), 'e2e-next');
    await context.close();
  });
});
