// The demo call: one <zego-call>. `/?room=R` picks the room (default "demo"); `/?room=R&user=U&name=N`
// joins at once, without the pre-join screen; `&lang=de` picks the language (default the browser's).
import { ZegoRoom, loadLocale } from '/dist/browser/zego-elements.min.js';

// This page always calls on the embedded engine: load it now, not when Join is clicked.
void ZegoRoom.preload('mesh');

const params = new URLSearchParams(location.search);

// The page's own words in each language the elements speak.
const WORDS = {
  en: { page: 'zego-elements demo call', call: 'Call in room ', another: 'Another room' },
  'zh-CN': { page: 'zego-elements 演示通话', call: '通话：', another: '其他房间' },
  ja: { page: 'zego-elements デモ通話', call: '通話ルーム：', another: '別のルーム' },
  ko: { page: 'zego-elements 데모 통화', call: '통화 방: ', another: '다른 방' },
  es: { page: 'Llamada de demostración de zego-elements', call: 'Llamada en la sala ', another: 'Otra sala' },
  fr: { page: 'Appel de démonstration zego-elements', call: 'Appel dans la salle ', another: 'Autre salle' },
  de: { page: 'zego-elements-Demoanruf', call: 'Anruf im Raum ', another: 'Anderer Raum' },
  'pt-BR': { page: 'Chamada de demonstração do zego-elements', call: 'Chamada na sala ', another: 'Outra sala' },
};
// The page speaks the browser's language (or `?lang=`) when the elements have it, else English;
// the elements follow the nearest `lang`. Their table starts loading at once.
const primary = (tag) => tag.split('-')[0].toLowerCase();
const wanted = primary(params.get('lang') || navigator.language || 'en');
const lang = Object.keys(WORDS).find((l) => primary(l) === wanted) ?? 'en';
document.documentElement.lang = lang;
void loadLocale(lang);
const words = WORDS[lang];

// The name is remembered from one visit to the next (storage may be unavailable: then it is not).
const NAME_KEY = 'zego-demo-name';
const store = {
  get: () => {
    try {
      return localStorage.getItem(NAME_KEY) ?? '';
    } catch {
      return '';
    }
  },
  set: (name) => {
    try {
      localStorage.setItem(NAME_KEY, name);
    } catch {
      // not remembered
    }
  },
};

/** A user ID within ZEGO's 64 bytes: the name's letters and digits (58 at most) and 5 random ones. */
const userIDFor = (name) =>
  `${name.replace(/[^0-9a-zA-Z_-]/g, '').slice(0, 58) || 'user'}-${Math.random().toString(36).slice(2, 7)}`;

const roomID = params.get('room') || 'demo';
const call = document.querySelector('zego-call');
document.title = words.page;
// The page's heading, for screen readers (the call's own headings come and go).
document.querySelector('#title').textContent = words.call + roomID;
const another = document.querySelector('#another');
another.textContent = words.another;

call.roomId = roomID;
if (params.get('user')) {
  call.userId = params.get('user');
  call.userName = params.get('name') || params.get('user');
  call.prejoin = 'off';
} else {
  call.userName = store.get();
  call.addEventListener('zego-prejoin-submit', (e) => {
    const name = e.detail.userName;
    store.set(name);
    call.userId = userIDFor(name);
  });
}
