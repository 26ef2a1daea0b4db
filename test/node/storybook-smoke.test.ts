/**
 * Smoke test of the showcase: the built Storybook (`npm run build-storybook`), every story's iframe
 * opened in Chromium; the element must render and no console error or unhandled rejection occur.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { chromeArgs, findChromium } from '../../scripts/chromium.mjs';

interface Entry {
  id: string;
  title: string;
  name: string;
  type: 'story' | 'docs';
}

const index = JSON.parse(readFileSync('storybook-static/index.json', 'utf8')) as { entries: Record<string, Entry> };
const stories = Object.values(index.entries).filter((e) => e.type === 'story');
const docs = Object.values(index.entries).filter((e) => e.type === 'docs');

interface Declaration {
  tagName?: string;
  attributes?: { name: string }[];
  events?: { name: string }[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string }[];
  slots?: { name: string }[];
}
const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as {
  modules: { declarations?: Declaration[] }[];
};
const declarations = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);

describe('the showcase (built Storybook, every story in Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    assert.ok(existsSync('storybook-static/iframe.html'), 'run `npm run build-storybook` first');
    server = await startServer({ port: 0, static: { '/': 'storybook-static' }, log: () => {} });
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

  it('has a story file for every element', () => {
    const titles = new Set(stories.map((s) => s.title));
    for (const tag of [
      'zego-room',
      'zego-preview',
      'zego-remote-stream',
      'zego-stream-grid',
      'zego-call-controls',
      'zego-prejoin',
      'zego-chat',
      'zego-call',
      'zego-participants',
    ])
      assert.ok(titles.has(`Elements/${tag}`), `stories for <${tag}>`);
    assert.ok(stories.length >= 25, `${stories.length} stories`);
  });

  for (const page of docs) {
    it(`${page.title} docs page shows attributes, events, parts and CSS properties from the manifest`, async () => {
      const tag = page.title.split('/').pop()!;
      const d = declarations.find((x) => x.tagName === tag);
      assert.ok(d, `${tag} is in custom-elements.json`);
      const expected = [d.attributes?.[0], d.events?.[0], d.cssParts?.[0], d.cssProperties?.[0]]
        .filter((x): x is { name: string } => !!x)
        .map((x) => x.name);
      assert.ok(expected.length >= 3, `${tag} documents attributes, parts and CSS properties`);
      const tab = await browser.newPage();
      try {
        await tab.goto(`${server.url}/iframe.html?id=${page.id}&viewMode=docs`);
        await tab.waitForFunction((names) => names.every((n) => document.body.innerText.includes(n)), expected, {
          timeout: 30000,
        });
      } finally {
        await tab.close();
      }
    });
  }

  for (const story of stories) {
    it(`${story.title} / ${story.name} renders without errors`, async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        // The story iframe opened on its own asks for /favicon.ico; that 404 is not the story's.
        if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(`unhandled: ${e.message}`));
      try {
        await page.goto(`${server.url}/iframe.html?id=${story.id}&viewMode=story`);
        const tag = story.title.split('/').pop()!;
        await page.waitForFunction(
          (t) => {
            const el = document.querySelector(`#storybook-root ${t}`);
            return !!el?.shadowRoot && el.shadowRoot.childElementCount > 0;
          },
          tag,
          { timeout: 20000 },
        );
        await page.waitForTimeout(1000); // let calls connect and late errors surface
        assert.deepEqual(errors, []);
      } finally {
        await page.close();
      }
    });
  }
});
