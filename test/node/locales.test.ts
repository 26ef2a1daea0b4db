/**
 * The language tables: every locale in `src/components/locales/` has every English key (the call's
 * and the meeting elements' words), no other, none empty, each with the same `{placeholders}`;
 * each loads for its language and its regional variants; words an app sets win over them.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { en, loadLocale, msg, setWords, type MessageKey } from '../../src/components/localize.js';
import { words as callWords } from '../../src/components/call/words.js';
import { words as chatWords } from '../../src/components/chat/words.js';
import { words as participantsWords } from '../../src/components/participants/words.js';
import { words as prejoinWords } from '../../src/components/prejoin/words.js';
import { words as shortcutWords } from '../../src/components/call/shortcuts.js';
import { words as gestureWords } from '../../src/components/call/in-call.js';
import { words as devicesWords } from '../../src/components/call-controls/devices-menu.js';
import { words as errorWords } from '../../src/components/error-words.js';

const english: Record<string, string> = {
  ...en,
  ...callWords,
  ...chatWords,
  ...participantsWords,
  ...prejoinWords,
  ...shortcutWords,
  ...gestureWords,
  ...devicesWords,
  ...errorWords,
};
const DIR = new URL('../../src/components/locales/', import.meta.url);
const LOCALES = readdirSync(DIR)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -'.ts'.length))
  .sort();

const load = async (locale: string): Promise<Record<string, string>> =>
  ((await import(new URL(`${locale}.ts`, DIR).href)) as { default: Record<string, string> }).default;

/** The `{name}` placeholders of a string, sorted. */
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** An element under `lang`: a stand-in with only what `localeOf` reads (there is no DOM here). */
const under = (lang: string) =>
  ({ closest: () => ({ getAttribute: () => lang }), getRootNode: () => ({}) }) as unknown as Element;

describe('language tables', () => {
  it('ship for zh-CN, ja, ko, es, fr, de and pt-BR', () => {
    assert.deepEqual(LOCALES, ['de', 'es', 'fr', 'ja', 'ko', 'pt-BR', 'zh-CN']);
  });

  for (const locale of LOCALES)
    it(`${locale}: every English key, no other, none empty, the same placeholders`, async () => {
      const table = await load(locale);
      assert.deepEqual(Object.keys(table).sort(), Object.keys(english).sort());
      for (const [key, text] of Object.entries(table)) {
        assert.ok(text.trim(), `${locale}.${key} is empty`);
        assert.deepEqual(placeholders(text), placeholders(english[key]!), `${locale}.${key}: "${text}"`);
      }
    });

  const variants: Record<string, string[]> = {
    de: ['de', 'de-DE', 'de-AT', 'de-CH', 'DE'],
    es: ['es', 'es-ES', 'es-MX', 'es-419'],
    fr: ['fr', 'fr-FR', 'fr-CA'],
    ja: ['ja', 'ja-JP'],
    ko: ['ko', 'ko-KR'],
    'pt-BR': ['pt', 'pt-BR', 'pt-PT', 'pt-br'],
    'zh-CN': ['zh', 'zh-CN', 'zh-TW', 'zh-Hans-CN'],
  };
  for (const locale of LOCALES)
    it(`${locale} loads for ${variants[locale]?.join(', ')}`, async () => {
      const table = await load(locale);
      for (const lang of variants[locale] ?? []) {
        await loadLocale(lang);
        for (const key of Object.keys(table) as MessageKey[])
          if (!placeholders(table[key]!).length) assert.equal(msg(under(lang), key), table[key], `${lang}: ${key}`);
        assert.equal(
          msg(under(lang), 'page', { page: 2, pages: 5 }),
          table.page!.replace('{page}', '2').replace('{pages}', '5'),
        );
      }
    });

  it('a language with no table speaks English', () => {
    assert.equal(msg(under('it-IT'), 'leave'), 'Leave');
    assert.equal(msg(under('it-IT'), 'screenOf', { name: 'Ada' }), 'Ada (screen)');
  });
});

describe('setWords: the app’s words', () => {
  it('win over a table, also one loaded after them; placeholders are filled', async () => {
    setWords('fr', { leave: 'Raccrocher', joinedCall: '{name} est là' });
    await loadLocale('fr-CA');
    const fr = await load('fr');
    assert.equal(msg(under('fr-CA'), 'leave'), 'Raccrocher');
    assert.equal(msg(under('fr'), 'joinedCall', { name: 'Ada' }), 'Ada est là');
    assert.equal(msg(under('fr'), 'camera'), fr.camera, 'the other words are the table’s');
    setWords('fr', { camera: 'Webcam' });
    assert.equal(msg(under('fr'), 'leave'), 'Raccrocher', 'words set earlier stay');
    assert.equal(msg(under('fr'), 'camera'), 'Webcam');
  });

  it('replace English; English words set stand in where a language has none, not over a table', async () => {
    setWords('en', { microphone: 'Mic' });
    await loadLocale('ko');
    assert.equal(msg(under('en-GB'), 'microphone'), 'Mic');
    assert.equal(msg(under('it'), 'microphone'), 'Mic');
    assert.equal(msg(under('ko'), 'microphone'), (await load('ko')).microphone);
  });

  it('give a language with no table its own words (English for the rest)', () => {
    setWords('it', { speaker: 'Altoparlante' });
    assert.equal(msg(under('it-CH'), 'speaker'), 'Altoparlante');
    assert.equal(msg(under('it-CH'), 'devices'), 'Devices');
  });
});
