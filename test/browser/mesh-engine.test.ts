import { expect } from '@open-wc/testing';
import { heartbeatTimeout, appID, wsURL } from 'virtual:test-server';
import { MeshEngine } from '../../src/mesh/mesh-engine.js';
import { WebSocketTransport, type TransportHandlers } from '../../src/mesh/transport.js';
import { InPageTransport } from '../../src/mesh/in-page-transport.js';
import { Hub } from '../../src/hub/hub.js';
import {
  destroyAll,
  framesArrive,
  join,
  sleep,
  trackPeerConnections,
  uniqueRoom,
  until,
  type Party,
} from './helpers.js';

const reasonOf = (extended: string) =>
  (JSON.parse(extended) as { stream_delete_reason: { code: number }[] }).stream_delete_reason[0]!.code;

/** A publishes its camera as `streamID`; B waits for the ADD and plays it. */
async function publishAndPlay(a: Party, b: Party, streamID: string) {
  const local = await a.engine.createStream({ camera: { videoQuality: 1 } });
  expect(a.engine.startPublishingStream(streamID, local)).to.equal(true);
  await a.log.waitFor('publisherStateUpdate', (r) => r.streamID === streamID && r.state === 'PUBLISHING');
  await b.log.waitFor('roomStreamUpdate', (_room, type, list) => type === 'ADD' && list[0].streamID === streamID);
  const remote = await b.engine.startPlayingStream(streamID);
  await b.log.waitFor('playerStateUpdate', (r) => r.streamID === streamID && r.state === 'PLAYING');
  return { local, remote };
}

/** A WebSocket transport whose reconnection waits while held, and that can drop right after an offer arrives. */
class GatedTransport extends WebSocketTransport {
  private gate: Promise<void> | undefined;
  dropOnOffer = false;
  override async open(handlers: TransportHandlers): Promise<void> {
    if (this.gate) await this.gate;
    return super.open({
      ...handlers,
      message: (m) => {
        handlers.message(m);
        if (this.dropOnOffer && m.t === 'signal' && m.data.type === 'offer') {
          this.dropOnOffer = false;
          this.drop();
        }
      },
    });
  }
  /** Holds reconnection until the returned function is called. */
  hold(): () => void {
    let release!: () => void;
    this.gate = new Promise((r) => (release = r));
    return () => {
      this.gate = undefined;
      release();
    };
  }
}

describe('MeshEngine through the real server', () => {
  afterEach(() => destroyAll());

  it('reports the other users, never yourself, and existing users arrive as ADD on login', async () => {
    const room = uniqueRoom('users');
    const a = await join('alice', room);
    const b = await join('bob', room);
    const [, , bSees] = await b.log.waitFor('roomUserUpdate', (_r, type) => type === 'ADD');
    expect(bSees.map((u: { userID: string }) => u.userID)).to.deep.equal(['alice']);
    const [, , aSees] = await a.log.waitFor('roomUserUpdate', (_r, type) => type === 'ADD');
    expect(aSees).to.deep.equal([{ userID: 'bob', userName: 'Name of bob' }]);
    for (const p of [a, b]) {
      const all = p.log.of('roomUserUpdate').flatMap((args) => args[2] as { userID: string }[]);
      expect(all.map((u) => u.userID)).not.to.include(p.userID);
    }
    expect(a.log.of('roomStateChanged').map((x) => x[1])).to.deep.equal(['LOGINING', 'LOGINED']);
    expect(a.log.of('roomStateUpdate').map((x) => x[1])).to.deep.equal(['CONNECTING', 'CONNECTED']);
    b.engine.logoutRoom();
    await a.log.waitFor('roomUserUpdate', (_r, type, list) => type === 'DELETE' && list[0].userID === 'bob');
  });

  it('plays a published stream: frames arrive, the audio track is live, states go in ZEGO order', async () => {
    const room = uniqueRoom('play');
    const a = await join('alice', room);
    const b = await join('bob', room);
    const { remote } = await publishAndPlay(a, b, 'alice_main');
    await framesArrive(remote);
    const audio = remote.getAudioTracks()[0]!;
    expect(audio.readyState).to.equal('live');
    expect(a.log.of('publisherStateUpdate').map(([r]) => (r as { state: string }).state)).to.deep.equal([
      'PUBLISH_REQUESTING',
      'PUBLISHING',
    ]);
    expect(b.log.of('playerStateUpdate').map(([r]) => (r as { state: string }).state)).to.deep.equal([
      'PLAY_REQUESTING',
      'PLAYING',
    ]);
    // A never sees its own stream.
    expect(a.log.of('roomStreamUpdate')).to.have.length(0);
  });

  /** Alice publishes (with `option`), Bob plays: the codec Bob decodes, from his own statistics. */
  async function codecReceived(name: string, option: { videoCodec?: 'H264' | 'VP8' } = {}): Promise<string> {
    const pcs = trackPeerConnections();
    try {
      const room = uniqueRoom(name);
      const a = await join('alice', room);
      const b = await join('bob', room);
      const local = await a.engine.createStream({ camera: { videoQuality: 1 } });
      a.engine.startPublishingStream('alice_main', local, option);
      await a.log.waitFor('publisherStateUpdate', (r) => r.state === 'PUBLISHING');
      await b.log.waitFor('roomStreamUpdate', (_r, type) => type === 'ADD');
      await framesArrive(await b.engine.startPlayingStream('alice_main'));
      return await until(
        async () => {
          for (const pc of pcs.all()) {
            const stats = await pc.getStats();
            for (const r of stats.values())
              if (r.type === 'inbound-rtp' && r.kind === 'video' && r.codecId && r.framesDecoded > 0)
                return stats.get(r.codecId)?.mimeType as string;
          }
          return undefined;
        },
        10000,
        'an inbound video codec',
      );
    } finally {
      pcs.restore();
    }
  }

  for (const codec of ['H264', 'VP8'] as const)
    it(`publishOption.videoCodec "${codec}" is the codec the player receives`, async () => {
      expect(await codecReceived(`codec-${codec}`, { videoCodec: codec })).to.equal(`video/${codec}`);
    });

  it('a browser that cannot send VP8 (simulated: its sender capabilities leave VP8 out) sends H.264 unasked', async () => {
    const native = RTCRtpSender.getCapabilities.bind(RTCRtpSender);
    RTCRtpSender.getCapabilities = (kind: string) => {
      const caps = native(kind);
      return caps && kind === 'video'
        ? { ...caps, codecs: caps.codecs.filter((c) => c.mimeType !== 'video/VP8') }
        : caps;
    };
    try {
      expect(await codecReceived('codec-no-vp8')).to.equal('video/H264');
    } finally {
      RTCRtpSender.getCapabilities = native;
    }
  });

  it('a late joiner receives existing streams as ADD and can play them', async () => {
    const room = uniqueRoom('late');
    const a = await join('alice', room);
    const local = await a.engine.createStream({ camera: { videoQuality: 1 } });
    a.engine.startPublishingStream('alice_main', local, { extraInfo: 'hello' });
    await a.log.waitFor('publisherStateUpdate', (r) => r.state === 'PUBLISHING');
    const b = await join('bob', room);
    const [, , list] = await b.log.waitFor('roomStreamUpdate', (_r, type) => type === 'ADD');
    expect(list).to.deep.equal([
      { streamID: 'alice_main', user: { userID: 'alice', userName: 'Name of alice' }, extraInfo: 'hello' },
    ]);
    await framesArrive(await b.engine.startPlayingStream('alice_main'));
  });

  it('camera and mic mute show as MUTE on the other side, and OPEN again', async () => {
    const room = uniqueRoom('mute');
    const a = await join('alice', room);
    const b = await join('bob', room);
    const { local } = await publishAndPlay(a, b, 'alice_main');
    a.engine.mutePublishStreamVideo(local, true);
    await b.log.waitFor('remoteCameraStatusUpdate', (id, s) => id === 'alice_main' && s === 'MUTE');
    a.engine.mutePublishStreamAudio(local, true);
    await b.log.waitFor('remoteMicStatusUpdate', (id, s) => id === 'alice_main' && s === 'MUTE');
    a.engine.mutePublishStreamVideo(local, false);
    await b.log.waitFor('remoteCameraStatusUpdate', (id, s) => id === 'alice_main' && s === 'OPEN');
    // Releasing the camera really ends the track (camera light off) and shows as MUTE too.
    await a.engine.enableVideoCaptureDevice(local, false);
    expect(local.getVideoTracks()).to.have.length(0);
    await sleep(200);
    const statuses = b.log.of('remoteCameraStatusUpdate').map((x) => x[1]);
    expect(statuses).to.deep.equal(['MUTE', 'OPEN', 'MUTE']);
  });

  it('quality callbacks arrive with non-zero fps and bitrate; network quality is graded', async () => {
    const room = uniqueRoom('quality');
    const a = await join('alice', room);
    const b = await join('bob', room);
    await publishAndPlay(a, b, 'alice_main');
    const [, play] = await b.log.waitFor(
      'playQualityUpdate',
      (_id, s) => s.video.videoFPS > 0 && s.video.videoBitrate > 0,
    );
    expect(play.video.frameWidth).to.be.greaterThan(0);
    expect(play.audio.audioBitrate).to.be.greaterThan(0);
    expect(play.peerToPeerDelay).to.be.a('number');
    const [, pub] = await a.log.waitFor(
      'publishQualityUpdate',
      (_id, s) => s.video.videoFPS > 0 && s.video.videoBitrate > 0,
    );
    expect(pub.video.frameHeight).to.be.greaterThan(0);
    const [, up] = await a.log.waitFor('networkQuality', (user, upq) => user === 'alice' && upq >= 0);
    expect(up).to.be.within(0, 4);
  });

  it('no quality report says "no connection" (grade 4) for media that flows: the first is unknown or real', async () => {
    const room = uniqueRoom('quality-first');
    const a = await join('alice', room);
    const b = await join('bob', room);
    await publishAndPlay(a, b, 'alice_main');
    // Three reports while the video plays (quality every second in the tests).
    await b.log.waitFor('playQualityUpdate', () => b.log.of('playQualityUpdate').length >= 3);
    const reports = b.log
      .of('playQualityUpdate')
      .map(([, s]) => s as { video: { videoQuality: number; videoBitrate: number } });
    expect(reports.map((s) => s.video.videoQuality)).not.to.include(4);
    // Unknown (-1) until there are rates to tell; from the first known one, real rates.
    for (const r of reports) {
      if (r.video.videoQuality === -1) expect(r.video.videoBitrate).to.equal(0);
      else expect(r.video.videoBitrate).to.be.greaterThan(0);
    }
    // The meter took a sample when the stream started playing: the second report at the latest is real.
    expect(reports.slice(0, 2).some((r) => r.video.videoQuality >= 0)).to.equal(true);
    const grades = b.log
      .of('networkQuality')
      .filter(([user]) => user === 'alice')
      .map(([, q]) => q);
    expect(grades).not.to.include(4);
  });

  it('sound levels arrive when the delegate is on', async () => {
    const room = uniqueRoom('sound');
    const a = await join('alice', room);
    const b = await join('bob', room);
    await publishAndPlay(a, b, 'alice_main');
    b.engine.setSoundLevelDelegate(true, 500);
    a.engine.setSoundLevelDelegate(true, 500);
    const [pulled] = await b.log.waitFor('soundLevelUpdate', (list) =>
      list.some((l: { type: string }) => l.type === 'pull'),
    );
    expect(pulled[0]).to.include({ streamID: 'alice_main', type: 'pull' });
    // The fake microphone beeps: some sample of the captured level is above silence.
    await a.log.waitFor('capturedSoundLevelUpdate', (level) => level > 0, 8000);
  });

  it('stopping a stream deletes it with reason 1 and the player goes NO_PLAY', async () => {
    const room = uniqueRoom('stop');
    const a = await join('alice', room);
    const b = await join('bob', room);
    const { remote } = await publishAndPlay(a, b, 'alice_main');
    a.engine.stopPublishingStream('alice_main');
    const [, , list, extended] = await b.log.waitFor('roomStreamUpdate', (_r, type) => type === 'DELETE');
    expect(list[0].streamID).to.equal('alice_main');
    expect(reasonOf(extended)).to.equal(1);
    await b.log.waitFor('playerStateUpdate', (r) => r.state === 'NO_PLAY');
    expect(remote.getTracks().every((t) => t.readyState === 'ended')).to.equal(true);
    expect(a.log.of('publisherStateUpdate').at(-1)![0]).to.include({ state: 'NO_PUBLISH', errorCode: 0 });
  });

  it('a second login with the same userID kicks the first with 1002050', async () => {
    const room = uniqueRoom('dup-user');
    const first = await join('alice', room);
    const watcher = await join('carol', room);
    const local = await first.engine.createStream({ camera: { videoQuality: 1 } });
    first.engine.startPublishingStream('alice_main', local);
    await watcher.log.waitFor('roomStreamUpdate', (_r, type) => type === 'ADD');
    await join('alice', room);
    const [, reason, code] = await first.log.waitFor('roomStateChanged', (_r, reason) => reason === 'KICKOUT');
    expect([reason, code]).to.deep.equal(['KICKOUT', 1002050]);
    expect(first.log.of('roomStateUpdate').at(-1)!.slice(1, 3)).to.deep.equal(['DISCONNECTED', 1002050]);
    await first.log.waitFor('publisherStateUpdate', (r) => r.state === 'NO_PUBLISH' && r.errorCode === 1002050);
    const [, , , extended] = await watcher.log.waitFor('roomStreamUpdate', (_r, type) => type === 'DELETE');
    expect(reasonOf(extended)).to.equal(3);
  });

  it('publishing a streamID that already exists fails with 1003028', async () => {
    const room = uniqueRoom('dup-stream');
    const a = await join('alice', room);
    const b = await join('bob', room);
    a.engine.startPublishingStream('shared', await a.engine.createStream({ camera: { videoQuality: 1 } }));
    await a.log.waitFor('publisherStateUpdate', (r) => r.state === 'PUBLISHING');
    await b.log.waitFor('roomStreamUpdate', (_r, type) => type === 'ADD');
    b.engine.startPublishingStream('shared', await b.engine.createStream({ camera: { videoQuality: 1 } }));
    const [r] = await b.log.waitFor('publisherStateUpdate', (r) => r.state === 'NO_PUBLISH');
    expect(r).to.include({ streamID: 'shared', errorCode: 1003028 });
  });

  it('a socket that dies without logout is dropped: DELETE with reason 2 within the heartbeat timeout', async () => {
    const room = uniqueRoom('vanish');
    const a = await join('alice', room, { reconnectTimeout: 0 });
    const b = await join('bob', room);
    await publishAndPlay(a, b, 'alice_main');
    const died = performance.now();
    a.engine.transport.drop();
    const [, , , extended] = await b.log.waitFor(
      'roomStreamUpdate',
      (_r, type) => type === 'DELETE',
      heartbeatTimeout + 5000,
    );
    expect(reasonOf(extended)).to.equal(2);
    expect(performance.now() - died).to.be.lessThan(heartbeatTimeout + 3000);
    await b.log.waitFor('roomUserUpdate', (_r, type, list) => type === 'DELETE' && list[0].userID === 'alice');
    await a.log.waitFor('roomStateChanged', (_r, reason) => reason === 'RECONNECT_FAILED');
  });

  it('reconnects after a dropped connection without the others seeing it leave', async () => {
    const room = uniqueRoom('reconnect');
    const a = await join('alice', room);
    const b = await join('bob', room);
    await publishAndPlay(a, b, 'alice_main');
    a.engine.transport.drop();
    await a.log.waitFor('roomStateChanged', (_r, reason) => reason === 'RECONNECTING');
    await a.log.waitFor('roomStateChanged', (_r, reason) => reason === 'RECONNECTED');
    await sleep(heartbeatTimeout + 1000);
    expect(b.log.of('roomStreamUpdate').filter((x) => x[1] === 'DELETE')).to.have.length(0);
    expect(b.log.of('roomUserUpdate').filter((x) => x[1] === 'DELETE')).to.have.length(0);
    // Still signalling: a mute reaches B after the reconnect.
    a.engine.mutePublishStreamAudio(a.engine.capturedStreams[0]!, true);
    await b.log.waitFor('remoteMicStatusUpdate', (_id, s) => s === 'MUTE');
  });

  /**
   * Alice publishes; her connection goes down, before Bob's offer (`away`) or as it arrives
   * (`on-offer`), and comes back half a second later. Bob's play must start all the same.
   */
  async function playAcrossReconnect(room: string, drop: 'away' | 'on-offer') {
    const transport = new GatedTransport(wsURL);
    const a = await join('alice', room, {}, transport);
    const b = await join('bob', room, { playTimeout: 8000 });
    const local = await a.engine.createStream({ camera: { videoQuality: 1 } });
    a.engine.startPublishingStream('alice_main', local);
    await b.log.waitFor('roomStreamUpdate', (_r, type) => type === 'ADD');
    const release = transport.hold();
    if (drop === 'away') {
      transport.drop();
      await a.log.waitFor('roomStateChanged', (_r, reason) => reason === 'RECONNECTING');
      await sleep(300); // the server has seen the socket close: the offer finds Alice away
    } else transport.dropOnOffer = true;
    const playing = b.engine.startPlayingStream('alice_main');
    await a.log.waitFor('roomStateChanged', (_r, reason) => reason === 'RECONNECTING');
    await sleep(500); // signals for Alice, and hers, pile up meanwhile
    release();
    await a.log.waitFor('roomStateChanged', (_r, reason) => reason === 'RECONNECTED');
    await framesArrive(await playing);
    await b.log.waitFor('playerStateUpdate', (r) => r.state === 'PLAYING');
  }

  it('a play started while the publisher is reconnecting plays once it is back (the hub holds its signals)', () =>
    playAcrossReconnect(uniqueRoom('held-pub'), 'away'));

  it('a publisher whose connection drops while it answers an offer answers once it is back', () =>
    playAcrossReconnect(uniqueRoom('held-answer'), 'on-offer'));

  it('a bad token fails login with LOGIN_FAILED and 1102016', async () => {
    const engine = new MeshEngine(appID, (await import('virtual:test-server')).wsURL);
    const states: unknown[][] = [];
    engine.on('roomStateChanged', (...args) => states.push(args));
    let error: { code?: number; msg?: string } = {};
    try {
      await engine.loginRoom(uniqueRoom('bad-token'), '04notatoken', { userID: 'mallory' });
    } catch (e) {
      error = e as typeof error;
    }
    expect(error.code).to.equal(1102016);
    expect(error.msg).to.be.a('string');
    expect(states.map((s) => [s[1], s[2]])).to.deep.equal([
      ['LOGINING', 0],
      ['LOGIN_FAILED', 1102016],
    ]);
    engine.destroyEngine();
  });

  it('bad arguments are refused with ZEGO codes before anything is sent', async () => {
    const engine = new MeshEngine(appID, 'ws://127.0.0.1:9/ws');
    const codeOf = (p: Promise<unknown>) =>
      p.then(
        () => 0,
        (e: { code: number }) => e.code,
      );
    expect(await codeOf(engine.loginRoom('room', '', { userID: 'u' }))).to.equal(1100001);
    expect(await codeOf(engine.loginRoom('a/b', 't', { userID: 'u' }))).to.equal(1002012);
    expect(await codeOf(engine.loginRoom('room', 't', { userID: '' }))).to.equal(1002005);
    expect(await codeOf(engine.startPlayingStream('x'))).to.equal(1000002);
    expect(engine.startPublishingStream('bad id!', new MediaStream())).to.equal(false);
    engine.destroyEngine();
  });

  it('logout closes every peer connection and destroyStream ends every track', async () => {
    const pcs = trackPeerConnections();
    try {
      const room = uniqueRoom('cleanup');
      const a = await join('alice', room);
      const b = await join('bob', room);
      const { local, remote } = await publishAndPlay(a, b, 'alice_main');
      expect(pcs.open()).to.equal(2);
      b.engine.logoutRoom();
      a.engine.logoutRoom();
      expect(pcs.open()).to.equal(0);
      expect(remote.getTracks().every((t) => t.readyState === 'ended')).to.equal(true);
      a.engine.destroyStream(local);
      expect(local.getTracks().every((t) => t.readyState === 'ended')).to.equal(true);
      expect(a.log.of('roomStateChanged').at(-1)![1]).to.equal('LOGOUT');
    } finally {
      pcs.restore();
    }
  });

  it('destroyEngine releases captured streams and listeners', async () => {
    const a = await join('alice', uniqueRoom('destroy'));
    const local = await a.engine.createStream({ camera: { videoQuality: 1 } });
    expect(a.engine.listenerCount()).to.be.greaterThan(0);
    a.engine.destroyEngine();
    expect(local.getTracks().every((t) => t.readyState === 'ended')).to.equal(true);
    expect(a.engine.listenerCount()).to.equal(0);
    expect(a.engine.capturedStreams).to.have.length(0);
  });

  it('on() keeps a function once and off(event, cb) removes only that one', () => {
    const engine = new MeshEngine(appID, 'ws://127.0.0.1:9/ws');
    const f = () => undefined;
    const g = () => undefined;
    engine.on('roomStreamUpdate', f);
    engine.on('roomStreamUpdate', f);
    engine.on('roomStreamUpdate', g);
    expect(engine.listenerCount('roomStreamUpdate')).to.equal(2);
    engine.off('roomStreamUpdate', f);
    expect(engine.listenerCount('roomStreamUpdate')).to.equal(1);
    engine.destroyEngine();
  });

  it('device methods list the fake devices', async () => {
    const engine = new MeshEngine(appID, 'ws://127.0.0.1:9/ws');
    const s = await engine.createStream();
    const devices = await engine.enumDevices();
    expect(devices.cameras.length).to.be.greaterThan(0);
    expect(devices.microphones.length).to.be.greaterThan(0);
    expect(devices.cameras[0]!.deviceName).to.not.equal('');
    const caps = await engine.checkSystemRequirements();
    expect(caps.webRTC).to.equal(true);
    await engine.useVideoDevice(s, devices.cameras[0]!.deviceID);
    expect(s.getVideoTracks()[0]!.readyState).to.equal('live');
    engine.destroyEngine();
    expect(s.getTracks().every((t) => t.readyState === 'ended')).to.equal(true);
  });
});

describe('MeshEngine over InPageTransport', () => {
  afterEach(() => destroyAll());

  it('makes the same call with a hub in the page: ADD, play, frames, DELETE', async () => {
    const hub = new Hub();
    const room = uniqueRoom('inpage');
    const a = await join('alice', room, {}, new InPageTransport(hub));
    const b = await join('bob', room, {}, new InPageTransport(hub));
    const { remote } = await publishAndPlay(a, b, 'alice_main');
    await framesArrive(remote);
    expect(
      hub
        .roomView(room)
        .users.map((u) => u.userID)
        .sort(),
    ).to.deep.equal(['alice', 'bob']);
    a.engine.stopPublishingStream('alice_main');
    const [, , , extended] = await b.log.waitFor('roomStreamUpdate', (_r, type) => type === 'DELETE');
    expect(reasonOf(extended)).to.equal(1);
    a.engine.logoutRoom();
    b.engine.logoutRoom();
    await sleep(50);
    expect(hub.stats()).to.include({ rooms: 0, users: 0, streams: 0 });
  });
});
