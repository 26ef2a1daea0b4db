// The demo call: join a room on this server's hub, publish the camera, play everyone else.
// `/?room=R&user=U&name=N` joins at once.
import { MeshEngine } from '/dist/browser/mesh.min.js';

const $ = (sel) => document.querySelector(sel);
const params = new URLSearchParams(location.search);
let engine;
let local;

function tile(id, name, stream, muted) {
  const fig = document.createElement('figure');
  fig.id = `tile-${id}`;
  const video = Object.assign(document.createElement('video'), { autoplay: true, playsInline: true, muted });
  video.srcObject = stream;
  const cap = document.createElement('figcaption');
  cap.textContent = name;
  fig.append(video, cap);
  $('#tiles').append(fig);
}

async function join(room, userID, userName) {
  $('#join').hidden = true;
  $('#call').hidden = false;
  $('#status').textContent = 'connecting…';
  const wsURL = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
  const res = await fetch(`/api/token?userID=${encodeURIComponent(userID)}&roomID=${encodeURIComponent(room)}`);
  const { token, appID, code, msg } = await res.json();
  if (!res.ok) throw { code, msg };
  engine = new MeshEngine(appID, wsURL);
  engine.on('roomStateChanged', (_r, reason, code) => {
    $('#status').textContent = code ? `${reason} (${code})` : reason;
  });
  engine.on('roomStreamUpdate', async (_r, type, list) => {
    for (const s of list) {
      if (type === 'ADD')
        tile(s.streamID, s.user.userName || s.user.userID, await engine.startPlayingStream(s.streamID), false);
      else {
        engine.stopPlayingStream(s.streamID);
        document.getElementById(`tile-${s.streamID}`)?.remove();
      }
    }
  });
  await engine.loginRoom(room, token, { userID, userName }, { userUpdate: true });
  local = await engine.createStream({ camera: { videoQuality: 2 } });
  tile('self', `${userName} (you)`, local, true);
  engine.startPublishingStream(`${userID}_main`, local);
}

function leave() {
  engine?.destroyEngine();
  engine = local = undefined;
  $('#tiles').replaceChildren();
  $('#call').hidden = true;
  $('#join').hidden = false;
}

$('#join').addEventListener('submit', (e) => {
  e.preventDefault();
  const data = new FormData(e.target);
  const name = String(data.get('name'));
  const user = `${name.replace(/[^0-9a-zA-Z_-]/g, '') || 'user'}-${Math.random().toString(36).slice(2, 7)}`;
  join(String(data.get('room')), user, name).catch((err) => ($('#status').textContent = `failed: ${err.msg ?? err}`));
});
$('#leave').addEventListener('click', leave);
if (params.get('room') && params.get('user')) {
  join(params.get('room'), params.get('user'), params.get('name') || params.get('user')).catch(
    (err) => ($('#status').textContent = `failed: ${err.msg ?? err}`),
  );
}
