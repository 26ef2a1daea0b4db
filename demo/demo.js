// The demo call, made only of the kit's elements. `/?room=R&user=U&name=N` joins at once.
import { ZegoRoom } from '/dist/browser/zego-elements.min.js';

// This page always calls on the embedded engine: load it now, not when Join is clicked.
void ZegoRoom.preload('mesh');

// The page speaks the browser's language; the elements follow the nearest `lang`.
const zh = /^zh\b/i.test(navigator.language);
document.documentElement.lang = zh ? 'zh-CN' : 'en';
const words = zh
  ? { page: 'zego-elements 演示通话', join: '加入通话', room: '房间', name: '你的名字', go: '加入', call: '通话：' }
  : {
      page: 'zego-elements demo call',
      join: 'Join a call',
      room: 'Room',
      name: 'Your name',
      go: 'Join',
      call: 'Call in room ',
    };

const main = document.querySelector('main');
const form = document.querySelector('#join');
const title = document.querySelector('#call-title');
const { room: roomField, name: nameField } = form.elements;
document.title = words.page;
form.querySelector('h1').textContent = words.join;
roomField.previousElementSibling.textContent = words.room;
nameField.previousElementSibling.textContent = words.name;
form.querySelector('button').textContent = words.go;

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
nameField.value = store.get();

/** Back to the form, the room just left in it, the focus on its first field. */
function leave(room) {
  if (!room.isConnected) return;
  room.remove();
  title.hidden = true;
  form.hidden = false;
  history.replaceState(null, '', location.pathname);
  roomField.focus();
}

function join(roomID, userID, userName) {
  const room = document.createElement('zego-room');
  room.setAttribute('room-id', roomID);
  room.setAttribute('user-id', userID);
  room.setAttribute('user-name', userName);
  room.append(document.createElement('zego-stream-grid'), document.createElement('zego-call-controls'));
  room.addEventListener('zego-leave-request', (e) => {
    if (!e.defaultPrevented) leave(room);
  });
  room.addEventListener('zego-room-state-change', (e) => {
    if (e.detail.phase === 'left') leave(room);
  });
  roomField.value = roomID;
  // The call view has its heading too (for screen readers: it is visually hidden).
  title.textContent = words.call + roomID;
  title.hidden = false;
  form.hidden = true;
  main.append(room);
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const data = new FormData(form);
  const name = String(data.get('name')).trim();
  store.set(name);
  // A user ID within ZEGO's 64 bytes: the name's letters and digits (58 at most) and 5 random ones.
  const userID = `${name.replace(/[^0-9a-zA-Z_-]/g, '').slice(0, 58) || 'user'}-${Math.random().toString(36).slice(2, 7)}`;
  join(String(data.get('room')), userID, name);
});

const params = new URLSearchParams(location.search);
if (params.get('room')) roomField.value = params.get('room');
if (params.get('room') && params.get('user')) {
  join(params.get('room'), params.get('user'), params.get('name') || params.get('user'));
}
