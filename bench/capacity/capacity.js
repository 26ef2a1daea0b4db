// One participant of the participants-per-room benchmark (`bench/capacity.ts`): the mesh engine
// over the real server, the fake camera and microphone published, every other participant's
// stream played in a <video> whose presented frames are counted.
const { MeshEngine } = await import('/dist/browser/mesh.min.js');

let engine;
const listed = new Set();
const counts = new Map();

window.join = async (ws, roomID, userID, token, video) => {
  engine = new MeshEngine(1, ws);
  engine.on('roomStreamUpdate', (_room, type, list) => {
    for (const { streamID } of list) {
      if (type === 'ADD') listed.add(streamID);
      else listed.delete(streamID);
    }
  });
  await engine.loginRoom(roomID, token, { userID });
  const media = await navigator.mediaDevices.getUserMedia({ audio: true, video });
  engine.startPublishingStream(`${userID}-main`, media);
};

window.playAll = async (streamIDs) => {
  for (const streamID of streamIDs) {
    while (!listed.has(streamID)) await new Promise((r) => setTimeout(r, 50));
    const video = Object.assign(document.createElement('video'), {
      muted: true,
      playsInline: true,
      width: 320,
      height: 180,
    });
    video.srcObject = await engine.startPlayingStream(streamID);
    document.body.append(video);
    await video.play();
    counts.set(streamID, 0);
    const next = () => {
      counts.set(streamID, counts.get(streamID) + 1);
      video.requestVideoFrameCallback(next);
    };
    video.requestVideoFrameCallback(next);
  }
};

/** Frames presented per second of each played stream over the next `seconds`. */
window.fps = async (seconds) => {
  const start = new Map(counts);
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const dt = (performance.now() - t0) / 1000;
  return [...counts].map(([id, n]) => (n - (start.get(id) ?? 0)) / dt);
};
