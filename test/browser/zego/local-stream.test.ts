/**
 * ZEGO's 3.x stream API on the mesh engine: `createZegoStream` → `MeshLocalStream` (capture by
 * source, accepted wherever a `MediaStream` is) and `createRemoteStreamView`, through the real server.
 */
import { expect } from '@open-wc/testing';
import type { MeshLocalStream } from '../../../src/mesh/local-stream.js';
// What apps import for ZEGO's surface (`createRemoteStreamView`, …).
import '../../../src/mesh/index.js';
import { destroyAll, join, trackPeerConnections, uniqueRoom, until, videoFrames, type Party } from '../helpers.js';

afterEach(() => destroyAll());

/** B plays `streamID` once it is in the room; resolves with the remote stream. */
async function play(b: Party, streamID: string): Promise<MediaStream> {
  await b.log.waitFor('roomStreamUpdate', (_r, type, list) => type === 'ADD' && list[0].streamID === streamID);
  return b.engine.startPlayingStream(streamID);
}

/** A box in the page for a view. */
function box(id: string): HTMLElement {
  const el = document.createElement('div');
  el.id = id;
  el.style.cssText = 'width:160px;height:120px';
  document.body.append(el);
  return el;
}

/** The maximum bitrate every video sender of the open peer connections is told, bps. */
const maxBitrates = (pcs: RTCPeerConnection[]) =>
  pcs
    .filter((pc) => pc.connectionState !== 'closed')
    .flatMap((pc) => pc.getSenders())
    .filter((s) => s.track?.kind === 'video')
    .map((s) => s.getParameters().encodings[0]?.maxBitrate);

describe('createZegoStream on the mesh engine', () => {
  it('captures by source: nothing until asked, then the camera at the preset asked, then the microphone', async () => {
    const a = await join('alice', uniqueRoom('capture'));
    const local = (await a.engine.createZegoStream({ autoCapture: false })) as MeshLocalStream;
    expect([local.stream, local.active]).to.deep.equal([null, false]);
    // Nothing to publish yet: refused with ZEGO's parameter error, the room hears nothing.
    expect(a.engine.startPublishingStream('alice_main', local)).to.equal(false);
    const [refused] = await a.log.waitFor('publisherStateUpdate');
    expect([refused.state, refused.errorCode]).to.deep.equal(['NO_PUBLISH', 1100001]);

    const changed: string[] = [];
    local.on('videoTrackChanged', (t) => changed.push(t.kind));
    local.on('audioTrackChanged', (t) => changed.push(t.kind));
    expect(await local.startCaptureCamera({ quality: 1 })).to.deep.equal({ errorCode: 0, extendedData: '' });
    const settings = local.getVideoTracks()[0]!.getSettings();
    expect([settings.width, settings.height]).to.deep.equal([320, 240]);
    expect(local.getAudioTracks()).to.have.length(0);
    await local.startCaptureMicrophone({ AEC: false });
    expect(local.getAudioTracks()[0]!.getSettings().echoCancellation).to.equal(false);
    expect(changed).to.deep.equal(['video', 'audio']);
    expect(local.active).to.equal(true);
  });

  it('is published like a MediaStream; turning its camera off and on is seen by the player', async () => {
    const room = uniqueRoom('zego-stream');
    const a = await join('alice', room);
    const b = await join('bob', room);
    const local = (await a.engine.createZegoStream({
      camera: { video: { quality: 1 }, audio: true },
    })) as MeshLocalStream;
    expect(a.engine.startPublishingStream('alice_main', local)).to.equal(true);
    const remote = await play(b, 'alice_main');
    const view = b.engine.createRemoteStreamView(remote);
    const where = box('view-1');
    view.play('view-1');
    const video = where.querySelector('video')!;
    await videoFrames(video, 3);

    // Off: the camera's light goes out and the player is told; on again: frames flow again.
    const before = local.getVideoTracks()[0]!;
    await local.stopCaptureVideo();
    expect(before.readyState).to.equal('ended');
    await b.log.waitFor('remoteCameraStatusUpdate', (id, status) => id === 'alice_main' && status === 'MUTE');
    await local.startCaptureCamera({ quality: 1 });
    await b.log.waitFor('remoteCameraStatusUpdate', (id, status) => id === 'alice_main' && status === 'OPEN');
    await videoFrames(video, 3);

    // The engine's own calls take it too.
    expect(a.engine.mutePublishStreamAudio(local, true)).to.equal(true);
    expect(local.getAudioTracks()[0]!.enabled).to.equal(false);
    const camera = (await a.engine.getCameras())[0]!;
    expect((await a.engine.useVideoDevice(local, camera.deviceID)).errorCode).to.equal(0);
    expect(local.videoDeviceId).to.equal(camera.deviceID);

    // Volume and stop on the view; destroying the stream ends the publication and the tracks.
    expect(view.setVolume(50)).to.equal(true);
    expect(video.volume).to.equal(0.5);
    expect(view.setVolume(101)).to.equal(false);
    view.stop();
    expect(where.innerHTML).to.equal('');
    const tracks = local.getTracks();
    a.engine.destroyStream(local);
    expect(tracks.every((t) => t.readyState === 'ended')).to.equal(true);
    await a.log.waitFor('publisherStateUpdate', (r) => r.state === 'NO_PUBLISH');
    expect(local.stream).to.equal(null);
    where.remove();
  });

  it('sends at most the bitrate asked (videoBitrate), and at most the preset’s by default', async () => {
    const pcs = trackPeerConnections();
    try {
      const room = uniqueRoom('bitrate');
      const a = await join('alice', room);
      const b = await join('bob', room);
      const own = await a.engine.createZegoStream({ videoBitrate: 150 });
      a.engine.startPublishingStream('alice_own', own);
      await play(b, 'alice_own');
      await until(() => maxBitrates(pcs.all()).length === 1, 10000, 'one video sender');
      expect(maxBitrates(pcs.all())).to.deep.equal([150000]);

      const preset = await a.engine.createStream({ camera: { videoQuality: 1 } });
      a.engine.startPublishingStream('alice_preset', preset);
      await play(b, 'alice_preset');
      await until(() => maxBitrates(pcs.all()).length === 2, 10000, 'two video senders');
      expect(maxBitrates(pcs.all()).sort()).to.deep.equal([150000, 300000]);
    } finally {
      pcs.restore();
    }
  });
});
