import type { words as callWords } from './call/words.js';
import type { words as chatWords } from './chat/words.js';
import type { words as participantsWords } from './participants/words.js';
import type { words as prejoinWords } from './prejoin/words.js';
import type { words as shortcutWords } from './call/shortcuts.js';
import type { words as gestureWords } from './call/in-call.js';
import type { words as devicesWords } from './call-controls/devices-menu.js';

/**
 * Every user-visible string of the elements, typed by key. English is built in; Simplified Chinese,
 * Japanese, Korean, Spanish, French, German and Brazilian Portuguese load on first use, each a
 * chunk with every key; an app can replace any word in any language (`setWords`). The language is
 * the nearest `lang` attribute (then `<html lang>`, then the browser's). The English words of a
 * call (room, tiles, controls, errors) are here; the meeting elements (pre-join, participants,
 * chat, `<zego-call>`) bring theirs with them (`words.ts` beside each), so a call without them does
 * not download them.
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
  speaker: 'Speaker',
  chooseSpeaker: 'Choose a speaker…',
  leave: 'Leave',
  muted: 'Microphone off',
  cameraOff: 'Camera off',
  noMedia: 'No camera or microphone',
  noCapture: 'This browser cannot use a camera or microphone.',
  viewer: 'You can see and hear the others; they cannot see or hear you.',
  cameraDenied: 'Camera blocked. Allow it in the browser’s site settings, then rejoin.',
  cameraMissing: 'No camera was found.',
  cameraBusy: 'The camera is in use by another application.',
  microphoneDenied: 'Microphone blocked. Allow it in the browser’s site settings, then rejoin.',
  microphoneMissing: 'No microphone was found.',
  microphoneBusy: 'The microphone is in use by another application.',
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
  // Errors by ZEGO code
  e1100001: 'Something required is missing (room, user or token).',
  e1000002: 'You are not in the room.',
  e1009013: 'The message is too long.',
  e1002001: 'Already in a room.',
  e1002005: 'The user ID is empty.',
  e1002006: 'The user ID has characters that are not allowed.',
  e1002007: 'The user ID is too long.',
  e1002011: 'The room ID is empty.',
  e1002012: 'The room ID has characters that are not allowed.',
  e1002013: 'The room ID is too long.',
  e1002010: 'The user name is too long.',
  e1102011: 'The server could not read a message from this page.',
  e1009015: 'Too many requests at once. Wait a moment and try again.',
  e1002031: 'The server did not answer in time.',
  e1002034: 'The room is full.',
  e1002050: 'You signed in to this room somewhere else.',
  e1002053: 'The network connection was lost.',
  e1002055: 'The server removed you from the room.',
  e1002077: 'The sign-in token belongs to another user.',
  e1002078: 'The sign-in token has expired.',
  e1002082: 'You are not allowed to publish here.',
  e1102001: 'The connection timed out.',
  e1102016: 'The sign-in token is not valid.',
  e1102018: 'The sign-in token has expired.',
  e1103002: 'This browser cannot make calls. Try a current Chrome, Edge, Firefox or Safari.',
  e1103010: 'Screen sharing failed.',
  e1103042: 'Screen sharing was cancelled.',
  e1103043: 'This browser cannot share the screen.',
  e1103053: 'Camera and microphone need a secure page (https or localhost).',
  e1103061: 'No camera or microphone was found.',
  e1103064: 'Camera or microphone access was denied. Allow it in the browser’s site settings and try again.',
  e1103065: 'The camera or microphone is in use by another application.',
  e1103066: 'No camera or microphone fits the requested settings.',
  e1003028: 'This stream is already being published.',
  e1004002: 'The stream is no longer available.',
  e1104039: 'The stream is no longer available.',
  e1104031: 'The video could not be received.',
  eProvider: 'The engine “{name}” could not be loaded: {detail}',
  eUnknown: 'Something went wrong (error {code}).',
  eGeneric: 'Something went wrong.',
  speakerFailed: 'The sound could not be played on that speaker.',
};

export type MessageKey =
  | keyof typeof en
  | keyof typeof callWords
  | keyof typeof chatWords
  | keyof typeof participantsWords
  | keyof typeof prejoinWords
  | keyof typeof shortcutWords
  | keyof typeof gestureWords
  | keyof typeof devicesWords;

type Table = Record<MessageKey, string>;
const english: Partial<Table> = en;
/** The built-in tables by language (`en`, `de`, `zh`…), as they load. */
const tables: Record<string, Partial<Table>> = { en: english };
/** The app's words by language (`setWords`): they win over the built-in tables. */
const own: Record<string, Partial<Table>> = {};

/** Adds an element's English words to the table (each meeting element calls it once, at import). */
export function addWords(words: Partial<Table>): void {
  Object.assign(english, words);
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

/** Words for a ZEGO error code. */
export function errorText(el: Element | undefined, code: number): string {
  const key = `e${code}` as MessageKey;
  return key in en ? msg(el, key) : code ? msg(el, 'eUnknown', { code }) : msg(el, 'eGeneric');
}

/** Why one device (`camera` or `microphone`) could not be captured, from ZEGO's code. */
export function deviceText(el: Element | undefined, device: 'camera' | 'microphone', code: number): string {
  const why = code === 1103064 ? 'Denied' : code === 1103065 ? 'Busy' : 'Missing';
  return msg(el, `${device}${why}`);
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
