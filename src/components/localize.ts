import type { words as callWords } from './call/words.js';
import type { words as chatWords } from './chat/words.js';
import type { words as participantsWords } from './participants/words.js';
import type { words as prejoinWords } from './prejoin/words.js';
import type { words as shortcutWords } from './call/shortcuts.js';
import type { words as gestureWords } from './call/in-call.js';
import type { words as devicesWords } from './call-controls/devices-menu.js';
import type { words as errorWords } from './error-words.js';

/**
 * Every user-visible string of the elements, typed by key. English is built in; Simplified Chinese,
 * Japanese, Korean, Spanish, French, German and Brazilian Portuguese load on first use, each a
 * chunk with every key; an app can replace any word in any language (`setWords`). The language is
 * the nearest `lang` attribute (then `<html lang>`, then the browser's). The English words of a
 * call (room, tiles, controls) are here; its error messages load at join, with the engine
 * (`error-words.ts`); the meeting elements (pre-join, participants, chat, `<zego-call>`) bring
 * theirs with them (`words.ts` beside each), so a call without them does not download them.
 */
export const en = {
  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  failed: 'Could not join the room',
  kicked: 'You were removed from the room',
  left: 'You left the room',
  rejoin: 'Rejoin',
  poorNetwork: 'Your network is poor',
  youAreMuted: 'You are muted',
  screenOf: '{name} (screen)',
  presenting: 'You are presenting',
  stopPresenting: 'Stop',
  you: 'you',
  microphone: 'Microphone',
  camera: 'Camera',
  screen: 'Share screen',
  devices: 'Devices',
  leave: 'Leave',
  muted: 'Microphone off',
  cameraOff: 'Camera off',
  noMedia: 'No camera or microphone',
  noCapture: 'This browser cannot use a camera or microphone.',
  viewer: 'You can see and hear the others; they cannot see or hear you.',
  speaking: 'Speaking',
  tapToUnmute: 'Click to hear',
  previous: 'Previous page',
  next: 'Next page',
  pin: 'Pin',
  unpin: 'Unpin',
  fullscreen: 'Full screen',
  page: 'Page {page} of {pages}',
  quality: 'Network: {grade}',
  grade0: 'excellent',
  grade1: 'good',
  grade2: 'fair',
  grade3: 'poor',
  grade4: 'no connection',
  gradeUnknown: 'unknown',
  participants: 'Participants',
  call: 'Call',
  eProvider: 'The engine “{name}” could not be loaded: {detail}',
  eUnknown: 'Something went wrong (error {code}).',
  eGeneric: 'Something went wrong.',
};

export type MessageKey =
  | keyof typeof en
  | keyof typeof callWords
  | keyof typeof chatWords
  | keyof typeof participantsWords
  | keyof typeof prejoinWords
  | keyof typeof shortcutWords
  | keyof typeof gestureWords
  | keyof typeof devicesWords
  | keyof typeof errorWords;

type Table = Record<MessageKey, string>;
const english: Partial<Table> = en;
/** The built-in tables by language (`en`, `de`, `zh`…), as they load. */
const tables: Record<string, Partial<Table>> = { en: english };
/** The app's words by language (`setWords`): they win over the built-in tables. */
const own: Record<string, Partial<Table>> = {};

/**
 * Adds an element's English words to the table (each meeting element calls it once, at import);
 * with `loaded`, words that came later: the elements re-render.
 */
export function addWords(words: Partial<Table>, loaded = false): void {
  Object.assign(english, words);
  if (loaded) changed();
}

/**
 * Languages other than English, loaded on first use (they stay out of the main bundle), by the
 * locale's language: `de-AT` speaks `de`, `pt-PT` the Brazilian table, `zh-TW` the Simplified one.
 */
const loaders: Record<string, () => Promise<{ default: Table }>> = {
  de: () => import('./locales/de.js'),
  es: () => import('./locales/es.js'),
  fr: () => import('./locales/fr.js'),
  ja: () => import('./locales/ja.js'),
  ko: () => import('./locales/ko.js'),
  pt: () => import('./locales/pt-BR.js'),
  zh: () => import('./locales/zh-CN.js'),
};
const loading: Record<string, Promise<void>> = {};

/** A locale's language, the key of its table: `pt-BR` → `pt`. */
const languageOf = (locale: string): string => locale.split('-')[0]!.toLowerCase();

/** Fired on `window` when a language table has loaded or the app changed words: elements re-render. */
export const LOCALE_LOADED = 'zego-locale-loaded';
const changed = (): void => void globalThis.dispatchEvent?.(new Event(LOCALE_LOADED));

/** Loads the table for `locale` now (e.g. at app start, to avoid a first render in English). */
export function loadLocale(locale: string): Promise<void> {
  const lang = languageOf(locale);
  const load = loaders[lang];
  if (!load || tables[lang]) return Promise.resolve();
  return (loading[lang] ??= load().then(
    (m) => {
      tables[lang] = m.default;
      changed();
    },
    (e: unknown) => {
      delete loading[lang];
      throw e;
    },
  ));
}

/**
 * Replaces words in one language, English included, and re-renders the elements in it:
 * `setWords('de', { leave: 'Auflegen' })`. They win over the built-in table, also one that loads
 * later; `de` covers `de-AT` too. A language without a table of its own can be given one this way
 * (the words it lacks are English); English words set here also stand in for those. A word set
 * to `undefined` is the built-in one again.
 */
export function setWords(locale: string, words: Partial<Record<MessageKey, string>>): void {
  const lang = languageOf(locale);
  own[lang] = { ...own[lang], ...words };
  changed();
}

/** The language in effect for `el`: its nearest `lang`, the document's, or the browser's. */
export function localeOf(el?: Element): string {
  // The nearest `lang` across shadow roots: an element inside another's shadow tree speaks its host's language.
  let found = '';
  for (let node: Element | undefined = el; node && !found;) {
    found = node.closest('[lang]')?.getAttribute('lang') ?? '';
    const root = node.getRootNode() as ShadowRoot | Document;
    node = 'host' in root ? root.host : undefined;
  }
  const lang = found || globalThis.document?.documentElement.lang || globalThis.navigator?.language || 'en';
  return lang;
}

/** A message in the element's language, with `{name}` placeholders filled. */
export function msg(el: Element | undefined, key: MessageKey, params: Record<string, string | number> = {}): string {
  const lang = languageOf(localeOf(el));
  // Until its table has loaded (`loadLocale` starts it), a language speaks English.
  const text =
    own[lang]?.[key] ?? (tables[lang] ?? void loadLocale(lang))?.[key] ?? own.en?.[key] ?? english[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

let errorWordsLoad: Promise<unknown> | undefined;
/**
 * Loads the English error messages (`<zego-room>` does at join, with the engine; the pre-join
 * screen has them with it). Until they are there an error reads "Something went wrong (error N)",
 * and asking for one starts the load; the elements re-render when it is done.
 */
export const loadErrorWords = (): Promise<unknown> =>
  (errorWordsLoad ??= import('./error-words.js').catch((err: unknown) => {
    errorWordsLoad = undefined; // the next error asks again
    throw err;
  }));

/** Words for a ZEGO error code. */
export function errorText(el: Element | undefined, code: number): string {
  const key = `e${code}` as MessageKey;
  if (key in en) return msg(el, key);
  if (code) loadErrorWords().catch(() => undefined);
  return code ? msg(el, 'eUnknown', { code }) : msg(el, 'eGeneric');
}

/** Why one device (`camera` or `microphone`) could not be captured, from ZEGO's code. */
export function deviceText(el: Element | undefined, device: 'camera' | 'microphone', code: number): string {
  const why = code === 1103064 ? 'Denied' : code === 1103065 ? 'Busy' : 'Missing';
  const key: MessageKey = `${device}${why}`;
  return key in en ? msg(el, key) : errorText(el, code);
}

/** Initials for an avatar: "Ada Lovelace" → "AL", "王小明" → "王". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return '?';
  const first = [...words[0]!][0] ?? '?';
  if (/[\u3400-\u9fff]/.test(first)) return first;
  const last = words.length > 1 ? ([...words[words.length - 1]!][0] ?? '') : '';
  return (first + last).toUpperCase();
}
