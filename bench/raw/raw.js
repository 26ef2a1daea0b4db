// The join benchmark's baseline: the same call as the kit's demo (publish the camera, play every
// other stream) written with plain RTCPeerConnection against the same server and wire protocol,
// and nothing else. `?room=R&user=U` selects the room; the Join button starts.
const params = new URLSearchParams(location.search);
const room = params.get('room');
const user = params.get('user');
let ws;
let nextId = 1;
const replies = new Map();
const pcs = new Map(); // `${streamID}|${peer}` -> RTCPeerConnection
let local;

const send = (m) => ws.send(JSON.stringify(m));
const request = (m) =>
  new Promise((resolve, reject) => {
    const id = nextId++;
    replies.set(id, { resolve, reject });
    send({ ...m, id });
  });

function newPc(key, to, streamID) {
  const pc = new RTCPeerConnection();
  pc.onicecandidate = (e) =>
    send({
      t: 'signal',
      to,
      streamID,
      data: { type: 'candidate', candidate: e.candidate ? e.candidate.toJSON() : null },
    });
  pcs.set(key, pc);
  return pc;
}

async function play(stream) {
  const pc = newPc(`${stream.streamID}|${stream.user.userID}`, stream.user.userID, stream.streamID);
  pc.addTransceiver('video', { direction: 'recvonly' });
  pc.addTransceiver('audio', { direction: 'recvonly' });
  const media = new MediaStream();
  pc.ontrack = (e) => media.addTrack(e.track);
  const video = Object.assign(document.createElement('video'), { autoplay: true, playsInline: true, muted: true });
  video.srcObject = media;
  video.dataset.stream = stream.streamID;
  document.getElementById('videos').append(video);
  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  send({ t: 'signal', to: stream.user.userID, streamID: stream.streamID, data: { type: 'offer', sdp: offer.sdp } });
}

async function onSignal({ from, streamID, data }) {
  const key = `${streamID}|${from}`;
  if (data.type === 'offer') {
    const pc = newPc(key, from, streamID);
    await pc.setRemoteDescription({ type: 'offer', sdp: data.sdp });
    for (const t of pc.getTransceivers()) {
      t.direction = 'sendonly';
      await t.sender.replaceTrack(local.getTracks().find((tr) => tr.kind === t.receiver.track.kind) ?? null);
    }
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    send({ t: 'signal', to: from, streamID, data: { type: 'answer', sdp: answer.sdp } });
  } else if (data.type === 'answer') {
    await pcs.get(key)?.setRemoteDescription({ type: 'answer', sdp: data.sdp });
  } else if (data.type === 'candidate' && data.candidate) {
    await pcs
      .get(key)
      ?.addIceCandidate(data.candidate)
      .catch(() => undefined);
  }
}

async function join() {
  const { token } = await (await fetch(`/api/token?userID=${user}&roomID=${room}`)).json();
  ws = new WebSocket(`ws://${location.host}/ws`);
  await new Promise((r) => (ws.onopen = r));
  ws.onmessage = (e) => {
    const m = JSON.parse(e.data);
    if (m.t === 'reply') {
      const p = replies.get(m.id);
      replies.delete(m.id);
      if (m.ok) p?.resolve(m);
      else p?.reject(m);
    } else if (m.t === 'streams' && m.type === 'ADD') m.streams.forEach(play);
    else if (m.t === 'signal') void onSignal(m);
  };
  setInterval(() => send({ t: 'hb' }), 5000);
  const reply = await request({
    t: 'login',
    v: 1,
    roomID: room,
    token,
    user: { userID: user, userName: user },
    config: { userUpdate: true },
  });
  local = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480, frameRate: 15 }, audio: true });
  await request({ t: 'publish', streamID: `${user}_main`, extraInfo: '' });
  reply.streams.forEach(play);
}

document.getElementById('join').addEventListener('click', () => void join());
