// The demo call: one <zego-call>. `/?room=R` picks the room (default "demo"); `/?room=R&user=U&name=N`
// joins at once, without the pre-join screen.
import { ZegoRoom } from '/dist/browser/zego-elements.min.js';

// This page always calls on the embedded engine: load it now, not when Join is clicked.
void ZegoRoom.preload('mesh');

// The page speaks the browser's language; the elements follow the nearest `lang`.
const zh = /^zh\b/i.test(navigator.language);
document.documentElement.lang = zh ? 'zh-CN' : 'en';
const words = zh
  ? { page: 'zego-elements 演示通话', call: '通话：', another: '其他房间' }
  : { page: 'zego-elements demo call', call: 'Call in room ', another: 'Another room' };

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

const params = new URLSearchParams(location.search);
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
