// The demo call, made only of the kit's elements. `/?room=R&user=U&name=N` joins at once.
import { ZegoRoom } from '/dist/browser/zego-elements.min.js';

// This page always calls on the embedded engine: load it now, not when Join is clicked.
void ZegoRoom.preload('mesh');

const main = document.querySelector('main');
const form = document.querySelector('#join');

function join(roomID, userID, userName) {
  const room = document.createElement('zego-room');
  room.setAttribute('room-id', roomID);
  room.setAttribute('user-id', userID);
  room.setAttribute('user-name', userName);
  room.append(document.createElement('zego-stream-grid'), document.createElement('zego-call-controls'));
  room.addEventListener('zego-leave-request', () => {
    room.remove();
    form.hidden = false;
    history.replaceState(null, '', location.pathname);
  });
  form.hidden = true;
  main.append(room);
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const data = new FormData(form);
  const name = String(data.get('name')).trim();
  // A user ID within ZEGO's 64 bytes: the name's letters and digits (58 at most) and 5 random ones.
  const userID = `${name.replace(/[^0-9a-zA-Z_-]/g, '').slice(0, 58) || 'user'}-${Math.random().toString(36).slice(2, 7)}`;
  join(String(data.get('room')), userID, name);
});

const params = new URLSearchParams(location.search);
if (params.get('room') && params.get('user')) {
  join(params.get('room'), params.get('user'), params.get('name') || params.get('user'));
}
