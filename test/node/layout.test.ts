/**
 * What a person sees: the demo call, served by the real server, in real Chromium at desktop and
 * phone sizes, with 1, 2, 3, 4, 9 and 16 people (9 a page, then a pager) (bots in another page publish the fake camera), joined
 * through the form and by URL, in grid and speaker layouts, with the devices panel open, while
 * someone presents, after joining failed and when kicked out; and in German, the longest words,
 * from the pre-join screen to the end screen (a raised hand and the reactions tray included). Every case
 * checks the boxes a person relies on: every control inside the window, no page scroll, tiles inside
 * the grid and never over each other, 4:3 tiles, rows centred, name pills inside their tile.
 * Screenshots of every case go to `test-results/layout/`.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { startServer, type RunningServer } from '../../dist/server/server.js';
import { chromeArgs, findChromium } from '../../scripts/chromium.mjs';

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}
interface Measure {
  viewport: { width: number; height: number };
  scroll: { width: number; height: number };
  state: string;
  layout: string;
  grid?: Box;
  status?: Box;
  menu?: Box;
  pager?: Box;
  end?: Box;
  join?: Box;
  panel?: Box;
  tiles: { key: string; featured: boolean; box: Box; label?: Box; frames: boolean }[];
  buttons: { name: string; box: Box }[];
}
/** `test/node/support/layout-probe.js`, in the page. */
declare const layoutProbe: {
  measure(): Measure;
  settled(): boolean;
  setLayout(layout: 'grid' | 'speaker'): void;
  startBots(roomID: string, count: number): Promise<void>;
  stopBots(): void;
  startShare(roomID: string): Promise<void>;
  stopShare(): void;
};

const PROBE = fileURLToPath(new URL('./support/layout-probe.js', import.meta.url));
const SHOTS = 'test-results/layout';
const VIEWPORTS = [
  { name: 'desktop-1280x800', width: 1280, height: 800, mobile: false },
  { name: 'desktop-1440x900', width: 1440, height: 900, mobile: false },
  { name: 'phone-390x844', width: 390, height: 844, mobile: true },
  { name: 'phone-844x390', width: 844, height: 390, mobile: true },
];
const PEOPLE = [1, 2, 3, 4, 9, 16];
/** The demo's grid shows this many tiles a page, and a pager for the rest. */
const PAGE_SIZE = 9;
/** Long enough to need an ellipsis in a small tile. */
const NAME = 'Maximilian Featherstonehaugh-Wolfeschlegel';
const roomFor = (people: number) => `layout-${people}`;
/** Longer than ZEGO's 128 bytes: the server refuses it. */
const REFUSED_ROOM = 'r'.repeat(129);

const px = 1; // tolerance for sub-pixel layout
const inside = (inner: Box, outer: Box) =>
  inner.left >= outer.left - px &&
  inner.top >= outer.top - px &&
  inner.right <= outer.right + px &&
  inner.bottom <= outer.bottom + px;
const overlap = (a: Box, b: Box) =>
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > px &&
  Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > px;
/** The names of the buttons every screen must have. */
interface Words {
  leave: string;
  rejoin: string;
}
const ENGLISH: Words = { leave: 'Leave', rejoin: 'Rejoin' };
const show = (b: Box) => `${Math.round(b.width)}×${Math.round(b.height)} at ${Math.round(b.left)},${Math.round(b.top)}`;

/** Everything wrong with what the page shows, in words; empty when all is well. */
function problems(m: Measure, people: number | undefined, words = ENGLISH): string[] {
  const found: string[] = [];
  const window: Box = { left: 0, top: 0, right: m.viewport.width, bottom: m.viewport.height, ...m.viewport };
  if (m.scroll.height > m.viewport.height)
    found.push(`the page scrolls: ${m.scroll.height} px tall in a ${m.viewport.height} px window`);
  if (m.scroll.width > m.viewport.width)
    found.push(`the page scrolls sideways: ${m.scroll.width} px wide in a ${m.viewport.width} px window`);
  // The end screen (left, removed, failed): it and its buttons in the window.
  if (m.end) {
    if (!inside(m.end, window)) found.push(`the end screen is outside the window: ${show(m.end)}`);
    if (!m.buttons.some((b) => b.name === words.rejoin)) found.push(`no ${words.rejoin} button`);
    for (const b of m.buttons)
      if (b.box.width === 0 || !inside(b.box, window))
        found.push(`the ${b.name} button is outside the window: ${show(b.box)}`);
    return found;
  }
  if (!m.buttons.some((b) => b.name === words.leave)) found.push(`no ${words.leave} button`);
  for (const b of m.buttons)
    if (b.box.width === 0 || !inside(b.box, window))
      found.push(`the ${b.name} button is outside the window: ${show(b.box)}`);
  if (m.status && !inside(m.status, window)) found.push(`the status banner is outside the window: ${show(m.status)}`);
  if (m.menu && !inside(m.menu, window)) found.push(`the devices panel is outside the window: ${show(m.menu)}`);
  if (m.panel && !inside(m.panel, window)) found.push(`the side panel is outside the window: ${show(m.panel)}`);
  if (!m.grid) return [...found, 'no grid'];
  if (!inside(m.grid, window)) found.push(`the grid is outside the window: ${show(m.grid)}`);
  if (people !== undefined && m.tiles.length !== Math.min(people, PAGE_SIZE))
    found.push(`${m.tiles.length} tiles for ${people} people`);
  if (people !== undefined && people > PAGE_SIZE && !m.pager) found.push(`no pager for ${people} people`);
  if (m.pager && !inside(m.pager, window)) found.push(`the pager is outside the window: ${show(m.pager)}`);
  for (const t of m.tiles)
    if (m.pager && overlap(t.box, m.pager)) found.push(`tile ${t.key} is over the pager: ${show(t.box)}`);
  m.tiles.forEach((t, i) => {
    if (t.box.width < 40) found.push(`tile ${t.key} is ${show(t.box)}`);
    if (!inside(t.box, m.grid!)) found.push(`tile ${t.key} (${show(t.box)}) is outside the grid (${show(m.grid!)})`);
    if (Math.abs(t.box.width / t.box.height - 4 / 3) > 0.03) found.push(`tile ${t.key} is not 4:3: ${show(t.box)}`);
    if (t.label && !inside(t.label, t.box)) found.push(`the name pill of ${t.key} overflows its tile`);
    for (const u of m.tiles.slice(i + 1))
      if (overlap(t.box, u.box)) found.push(`tiles ${t.key} (${show(t.box)}) and ${u.key} (${show(u.box)}) overlap`);
  });
  const featured = m.tiles.filter((t) => t.featured);
  // Speaker layout, or a presentation (a share on stage): one large tile, the others much smaller.
  if ((m.layout === 'speaker' || featured.length) && m.tiles.length) {
    if (featured.length !== 1) found.push(`${featured.length} featured tiles`);
    for (const t of m.tiles)
      if (!t.featured && featured[0] && t.box.width * 1.5 > featured[0].box.width)
        found.push(`tile ${t.key} is not much smaller than the featured one`);
  } else {
    // Every row of tiles, the last included, is centred in the grid.
    const centre = (m.grid.left + m.grid.right) / 2;
    const rows = new Map<number, Box[]>();
    for (const t of m.tiles) rows.set(Math.round(t.box.top), [...(rows.get(Math.round(t.box.top)) ?? []), t.box]);
    for (const [top, row] of rows) {
      const middle = (Math.min(...row.map((b) => b.left)) + Math.max(...row.map((b) => b.right))) / 2;
      if (Math.abs(middle - centre) > 2)
        found.push(`the row at ${top} px is off centre by ${Math.round(middle - centre)} px`);
    }
  }
  return found;
}

/** The pre-join screen: nothing scrolls, Join is inside the window. */
function prejoinProblems(m: Measure): string[] {
  const found: string[] = [];
  if (m.scroll.height > m.viewport.height) found.push(`the page scrolls: ${m.scroll.height} px tall`);
  if (m.scroll.width > m.viewport.width) found.push(`the page scrolls sideways: ${m.scroll.width} px wide`);
  const window: Box = { left: 0, top: 0, right: m.viewport.width, bottom: m.viewport.height, ...m.viewport };
  if (!m.join || !inside(m.join, window)) found.push(`Join is outside the window: ${m.join ? show(m.join) : 'none'}`);
  return found;
}

describe('what a person sees in the demo call (real Chromium, desktop and phone sizes)', () => {
  let server: RunningServer;
  let browser: Browser;
  let bots: BrowserContext;
  const errors: string[] = [];

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ port: 0, static: { '/dist/': 'dist', '/': 'demo' }, log: () => {} });
    browser = await chromium.launch({
      executablePath: findChromium({ install: false }),
      headless: true,
      args: chromeArgs,
    });
    // The other people: bots in a page of their own, one room per call size, all publishing.
    bots = await browser.newContext();
    await bots.addInitScript({ path: PROBE });
    const page = await bots.newPage();
    page.on('pageerror', (e) => errors.push(`bots: ${e.message}`));
    await page.goto(`${server.url}/`);
    for (const people of PEOPLE)
      if (people > 1)
        await page.evaluate(([room, n]) => layoutProbe.startBots(room, n), [roomFor(people), people - 1] as const);
  });

  after(async () => {
    await bots?.close();
    await browser?.close();
    await server?.close();
  });

  /** Waits until the call shows `people` tiles, every one with video, and the layout stops moving. */
  async function settle(page: Page, people: number) {
    const tiles = Math.min(people, PAGE_SIZE);
    await page.waitForFunction(
      (n) => {
        const m = layoutProbe.measure();
        return m.state === 'connected' && m.tiles.length === n && m.tiles.every((t) => t.frames);
      },
      tiles,
      { timeout: 30000, polling: 100 },
    );
    await page.waitForFunction(() => layoutProbe.settled(), undefined, { timeout: 10000, polling: 100 });
  }

  /** Screenshots the page as `name` and fails with every problem found. */
  async function check(page: Page, name: string, people?: number, prejoin = false, words = ENGLISH) {
    await page.screenshot({ path: `${SHOTS}/${name}.png` });
    const m = await page.evaluate(() => layoutProbe.measure());
    assert.deepEqual(
      prejoin ? prejoinProblems(m) : problems(m, people, words),
      [],
      `${name}: see ${SHOTS}/${name}.png`,
    );
  }

  /** Checks the grid layout, then the speaker layout, of the call on `page`. */
  async function checkBothLayouts(page: Page, name: string, people: number) {
    await settle(page, people);
    await check(page, `${name}-grid`, people);
    await page.evaluate(() => layoutProbe.setLayout('speaker'));
    await settle(page, people);
    await check(page, `${name}-speaker`, people);
  }

  for (const viewport of VIEWPORTS) {
    describe(`${viewport.name}`, () => {
      let context: BrowserContext;
      let page: Page;

      before(async () => {
        context = await browser.newContext({
          viewport: { width: viewport.width, height: viewport.height },
          isMobile: viewport.mobile,
          hasTouch: viewport.mobile,
          locale: 'en-US',
        });
        await context.addInitScript({ path: PROBE });
        page = await context.newPage();
        page.on('pageerror', (e) => errors.push(`${viewport.name}: ${e.message}`));
      });

      after(async () => {
        await context?.close();
        assert.deepEqual(errors, []);
      });

      it('joined through the pre-join screen, 1, 2, 3, 4, 9 and 16 people, grid and speaker layouts', async () => {
        for (const people of PEOPLE) {
          await page.goto(`${server.url}/?room=${roomFor(people)}`);
          await page.fill('zego-prejoin [part~="name"]', NAME);
          if (people === 1) await check(page, `${viewport.name}-prejoin`, undefined, true);
          await page.click('zego-prejoin [part~="join"]');
          await checkBothLayouts(page, `${viewport.name}-${people}p-prejoin`, people);
          await page.getByRole('button', { name: 'Leave' }).click();
          await page.waitForSelector('zego-call [part~="end"]', { state: 'visible' });
          if (people === 1) await check(page, `${viewport.name}-left`);
        }
      });

      it('joined by URL, 1, 2, 3, 4, 9 and 16 people, grid and speaker layouts', async () => {
        for (const people of PEOPLE) {
          await page.goto(`${server.url}/?room=${roomFor(people)}&user=url-${people}&name=${encodeURIComponent(NAME)}`);
          await checkBothLayouts(page, `${viewport.name}-${people}p-url`, people);
        }
      });

      it('with the devices panel open, and while someone presents (a share on stage)', async () => {
        await page.goto(`${server.url}/?room=${roomFor(4)}&user=panel&name=${encodeURIComponent(NAME)}`);
        await settle(page, 4);
        await page.getByRole('button', { name: 'Devices' }).click();
        await page.waitForFunction(() => !!layoutProbe.measure().menu, undefined, { timeout: 10000 });
        await page.waitForFunction(() => layoutProbe.settled(), undefined, { timeout: 10000, polling: 100 });
        await check(page, `${viewport.name}-4p-devices`, 4);
        await page.keyboard.press('Escape');
        const presenter = await bots.newPage();
        try {
          await presenter.goto(`${server.url}/`);
          await presenter.evaluate((room) => layoutProbe.startShare(room), roomFor(4));
          await settle(page, 5);
          const m = await page.evaluate(() => layoutProbe.measure());
          assert.equal(m.tiles.find((t) => t.featured)?.key, `${roomFor(4)}-presenter_screen`, 'the share is on stage');
          await check(page, `${viewport.name}-4p-presentation`, 5);
        } finally {
          await presenter.evaluate(() => layoutProbe.stopShare()).catch(() => undefined);
          await presenter.close();
        }
      });

      it('with the chat open: a side panel beside the tiles, a sheet over them on a phone', async () => {
        await page.goto(`${server.url}/?room=${roomFor(4)}&user=chat&name=${encodeURIComponent(NAME)}`);
        await settle(page, 4);
        await page.getByRole('button', { name: 'Chat' }).click();
        await page.waitForFunction(() => !!layoutProbe.measure().panel, undefined, { timeout: 10000 });
        await page.waitForFunction(() => layoutProbe.settled(), undefined, { timeout: 10000, polling: 100 });
        await check(page, `${viewport.name}-4p-chat`, 4);
        const m = await page.evaluate(() => layoutProbe.measure());
        // Beside the tiles where there is room for both; over their lower part on a narrow screen.
        if (viewport.width > 700)
          for (const t of m.tiles) assert.ok(!overlap(t.box, m.panel!), `tile ${t.key} is under the panel`);
        const input = page.locator('zego-chat textarea');
        await input.fill(`Hello from ${viewport.name}`);
        await input.press('Enter');
        await page.locator('zego-chat [part~="message"]', { hasText: `Hello from ${viewport.name}` }).waitFor();
        await check(page, `${viewport.name}-4p-chat-message`, 4);
      });

      it('kicked out (the same user signed in elsewhere)', async () => {
        const url = `${server.url}/?room=${roomFor(2)}&user=twice-${viewport.name}&name=${encodeURIComponent(NAME)}`;
        await page.goto(url);
        await settle(page, 2);
        const elsewhere = await context.newPage();
        try {
          await elsewhere.goto(url);
          await page.waitForFunction(() => layoutProbe.measure().state === 'kicked', undefined, { timeout: 20000 });
          await page.waitForFunction(() => layoutProbe.settled(), undefined, { timeout: 10000, polling: 100 });
          await check(page, `${viewport.name}-kicked`);
          assert.ok((await page.evaluate(() => layoutProbe.measure())).end, 'the end screen says you were removed');
        } finally {
          await elsewhere.close();
        }
      });

      it('after joining failed (a room ID the server refuses)', async () => {
        await page.goto(`${server.url}/?room=${REFUSED_ROOM}&user=refused&name=${encodeURIComponent(NAME)}`);
        await page.waitForFunction(() => layoutProbe.measure().state === 'failed', undefined, { timeout: 20000 });
        await page.waitForFunction(() => layoutProbe.settled(), undefined, { timeout: 10000, polling: 100 });
        await check(page, `${viewport.name}-failed`);
        const m = await page.evaluate(() => layoutProbe.measure());
        assert.ok(m.end, 'the end screen says joining failed');
      });
    });
  }

  describe('in German, the longest words (a de-DE browser)', () => {
    const GERMAN: Words = { leave: 'Verlassen', rejoin: 'Erneut beitreten' };
    for (const viewport of VIEWPORTS.filter((v) => ['desktop-1280x800', 'phone-390x844'].includes(v.name)))
      it(`${viewport.name}: the pre-join screen, a call of 4 with the devices and people panels open, the end screen`, async () => {
        const context = await browser.newContext({
          viewport: { width: viewport.width, height: viewport.height },
          isMobile: viewport.mobile,
          hasTouch: viewport.mobile,
          locale: 'de-DE',
        });
        try {
          await context.addInitScript({ path: PROBE });
          const page = await context.newPage();
          page.on('pageerror', (e) => errors.push(`German ${viewport.name}: ${e.message}`));
          const name = `${viewport.name}-de`;
          await page.goto(`${server.url}/?room=${roomFor(4)}`);
          assert.equal(await page.getAttribute('html', 'lang'), 'de');
          const join = page.locator('zego-prejoin [part~="join"]', { hasText: 'Beitreten' });
          await join.waitFor();
          await page.fill('zego-prejoin [part~="name"]', NAME);
          await check(page, `${name}-prejoin`, undefined, true);
          await join.click();
          await page.getByRole('button', { name: GERMAN.leave }).waitFor();
          await settle(page, 4);
          await check(page, `${name}-4p`, 4, false, GERMAN);
          await page.getByRole('button', { name: 'Geräte' }).click();
          await page.waitForFunction(() => !!layoutProbe.measure().menu, undefined, { timeout: 10000 });
          await page.waitForFunction(() => layoutProbe.settled(), undefined, { timeout: 10000, polling: 100 });
          await check(page, `${name}-4p-devices`, 4, false, GERMAN);
          await page.keyboard.press('Escape');
          await page.getByRole('button', { name: 'Teilnehmer' }).click();
          await page.waitForFunction(() => !!layoutProbe.measure().panel, undefined, { timeout: 10000 });
          await page.waitForFunction(() => layoutProbe.settled(), undefined, { timeout: 10000, polling: 100 });
          await check(page, `${name}-4p-people`, 4, false, GERMAN);
          // A raised hand on your tile and in the list, the reactions tray open, a reaction rising.
          await page.getByRole('button', { name: 'Hand heben' }).click();
          await page.getByRole('button', { name: 'Reaktionen' }).click();
          await page.locator('zego-call [part~="reactions"] button', { hasText: '🎉' }).click();
          await page.locator('zego-stream-grid [part~="reaction"]').waitFor();
          await page.locator('zego-participants [part~="hand"]').waitFor();
          await page.waitForFunction(() => layoutProbe.settled(), undefined, { timeout: 10000, polling: 100 });
          await check(page, `${name}-4p-hand`, 4, false, GERMAN);
          const shown = await page.evaluate(() => {
            const call = document.querySelector('zego-call')!.shadowRoot!;
            const [hand, own, tray] = [
              call.querySelector('zego-stream-grid [part~="hand"]'),
              call.querySelector('zego-stream-grid')!.shadowRoot!.querySelector('zego-preview'),
              call.querySelector('[part~="reactions"]'),
            ].map((el) => JSON.parse(JSON.stringify(el!.getBoundingClientRect())) as Box);
            return {
              hand: hand!,
              own: own!,
              tray: tray!,
              window: { left: 0, top: 0, right: innerWidth, bottom: innerHeight },
            };
          });
          assert.ok(inside(shown.hand, shown.own), `the hand is on your tile: ${JSON.stringify(shown)}`);
          assert.ok(
            inside(shown.tray, shown.window as Box),
            `the reactions tray is in the window: ${show(shown.tray)}`,
          );
          await page.keyboard.press('Escape');
          await page.getByRole('button', { name: GERMAN.leave }).click();
          await page.getByRole('heading', { name: 'Sie haben den Anruf verlassen' }).waitFor();
          await check(page, `${name}-left`, undefined, false, GERMAN);
        } finally {
          await context.close();
        }
        assert.deepEqual(errors, []);
      });
  });
});
