/**
 * End to end: pages of the demo (one `<zego-call>`), served by the real server, call each other
 * through the kit's elements; each sees the other's video, then one leaves and the other sees the
 * tile go.
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
      const grid = document.querySelector('zego-call')?.shadowRoot?.querySelector('zego-stream-grid');
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
    await alice.getByRole('heading', { name: 'You left the call' }).waitFor();
    await bob.locator('zego-remote-stream').waitFor({ state: 'detached', timeout: 20000 });
    assert.deepEqual(errors, []);
    assert.equal(server.hub.roomView('e2e').users.length, 1, 'only Bob is left in the room');
  });

  it('follows the browser’s language: a zh-CN browser gets the page and the elements in Chinese', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${server.url}/?room=e2e-zh&user=li&name=Li`);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    await page.getByRole('button', { name: '离开' }).click();
    await page.getByRole('heading', { name: '你已离开通话' }).waitFor();
    await context.close();
  });

  it('remembers the name, joins through the pre-join screen, and after leaving puts the focus on the end screen’s heading', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${server.url}/?room=e2e-form`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.getByRole('heading', { name: 'Join e2e-form' }).waitFor();
    await page.fill('zego-prejoin [part~="name"]', 'Carol');
    await page.click('zego-prejoin [part~="join"]');
    await page.locator('zego-room[state="connected"]').waitFor();

    // In the call the page still has a top-level heading (axe: page-has-heading-one).
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
    const axe = await page.evaluate(async () => {
      const result = await (globalThis as any).axe.run(document, { runOnly: ['page-has-heading-one'] });
      return { violations: result.violations.length, passes: result.passes.length };
    });
    assert.deepEqual(axe, { violations: 0, passes: 1 });

    await page.getByRole('button', { name: 'Leave' }).click();
    await page.waitForSelector('zego-room', { state: 'detached' });
    await page.waitForFunction(
      () => document.querySelector('zego-call')?.shadowRoot?.activeElement?.textContent === 'You left the call',
    );

    // A new visit: the name is remembered.
    await page.goto(`${server.url}/?room=e2e-next`);
    await page.getByRole('heading', { name: 'Join e2e-next' }).waitFor();
    assert.equal(await page.inputValue('zego-prejoin [part~="name"]'), 'Carol');
    await context.close();
  });

  it('the browser blocks a camera (real permission refusals): the call goes on with what is left, and everyone can tell', async () => {
    // Without --use-fake-ui-for-media-stream, Chromium asks for real and refuses what was not granted.
    const asking = await chromium.launch({
      executablePath: findChromium({ install: false }),
      headless: true,
      args: chromeArgs.filter((a) => a !== '--use-fake-ui-for-media-stream'),
    });
    try {
      const open = async (user: string, permissions: string[]) => {
        const page = await (await asking.newContext({ permissions, locale: 'en-US' })).newPage();
        await page.goto(`${server.url}/?room=e2e-blocked&user=${user}&name=${user}`);
        await page.locator('zego-room[state="connected"]').waitFor();
        return page;
      };
      const viewer = await open('viewer', ['camera', 'microphone']);
      const noCamera = await open('nocam', ['microphone']);
      const nothing = await open('nothing', []);

      // Their own tiles say why, and their camera buttons are off with a warning mark.
      const ownMessage = (page: Page) =>
        page.waitForFunction(
          () =>
            document
              .querySelector('zego-call')
              ?.shadowRoot?.querySelector('zego-stream-grid')
              ?.shadowRoot?.querySelector('zego-preview')
              ?.shadowRoot?.querySelector('[part~="message"]')?.textContent,
          undefined,
          { timeout: 20000 },
        );
      assert.match(String(await (await ownMessage(noCamera)).jsonValue()), /^Camera blocked/);
      assert.match(String(await (await ownMessage(nothing)).jsonValue()), /access was denied/);
      const cameraButton = (page: Page) =>
        page.evaluate(() => {
          const b = document
            .querySelector('zego-call')!
            .shadowRoot!.querySelector('zego-call-controls')!
            .shadowRoot!.querySelector<HTMLButtonElement>('[part~="camera"]')!;
          return {
            pressed: b.getAttribute('aria-pressed'),
            title: b.title,
            mark: getComputedStyle(b, '::after').content,
          };
        });
      assert.deepEqual(await cameraButton(noCamera), {
        pressed: 'false',
        title: 'Camera blocked. Allow it in the browser’s site settings, then rejoin.',
        mark: '"!"',
      });

      // The viewer sees the one without a camera as "Camera off" and hears them (their sound arrives:
      // the received audio track is unmuted), and the one who shares nothing as a person tile.
      const seen = await viewer.waitForFunction(
        () => {
          const root = document.querySelector('zego-call')?.shadowRoot?.querySelector('zego-stream-grid')?.shadowRoot;
          const tile = root?.querySelector('zego-remote-stream[stream-id="nocam_main"]');
          const state = tile?.shadowRoot?.querySelector('[part~="state"]')?.textContent?.trim();
          const audio = (tile as HTMLElement & { media?: MediaStream })?.media?.getAudioTracks()[0];
          const person = root?.querySelector('[part~="person"][aria-label="nothing"] [part~="state"]')?.textContent;
          return state && audio && !audio.muted && person ? { state, person } : undefined;
        },
        undefined,
        { timeout: 20000, polling: 200 },
      );
      assert.deepEqual(await seen.jsonValue(), { state: 'Camera off', person: 'No camera or microphone' });
    } finally {
      await asking.close();
    }
  });
});
