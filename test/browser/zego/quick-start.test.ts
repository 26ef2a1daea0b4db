/**
 * A page written as ZEGO's web quick-starts are (`quick-start-app.js`: ZEGO's SDK calls only) runs
 * on the mesh engine through the real server — and, for what needs no network, on ZEGO's real SDK
 * class side by side.
 */
import { expect } from '@open-wc/testing';
import * as sdk from 'zego-express-engine-webrtc';
import { appID, wsURL } from 'virtual:test-server';
// As an app imports it: `zego-elements/mesh`, with the rest of ZEGO's surface.
import { MeshEngine, NOT_SUPPORTED, unsupportedMethods, type MeshLocalStream } from '../../../src/mesh/index.js';
import { tokenFor, uniqueRoom, until, videoFrames } from '../helpers.js';
// @ts-expect-error a plain script page, without types
import { createQuickStart } from './quick-start-app.js';

const { ZegoExpressEngine } = ((sdk as unknown as { default?: typeof sdk }).default ?? sdk) as typeof sdk;

interface QuickStart {
  zg: MeshEngine;
  state: {
    version: string;
    modern: boolean;
    roomState: string;
    users: string[];
    remoteViews: Record<string, unknown>;
    messages: string[];
    barrages: string[];
    commands: string[];
    roomExtra: Record<string, string>;
    publisher: string;
    playQuality: Record<string, { video: Record<string, unknown>; audio: Record<string, unknown> }>;
    publishQuality: { video: Record<string, unknown>; audio: Record<string, unknown> } | undefined;
  };
  local: HTMLElement;
  remote: HTMLElement;
  localStream: MeshLocalStream | undefined;
  check(): Promise<Record<string, unknown>>;
  capture(): Promise<MeshLocalStream>;
  start(): Promise<MeshLocalStream>;
  stop(): Promise<void>;
}

const open: QuickStart[] = [];
async function page(
  Engine: unknown,
  userID: string,
  roomID: string,
  options: { codec?: 'H264' | 'VP8'; server?: string } = {},
): Promise<QuickStart> {
  const app = createQuickStart(Engine, {
    appID,
    server: options.server ?? wsURL,
    roomID,
    userID,
    token: await tokenFor(userID, roomID),
    codec: options.codec,
  }) as QuickStart;
  open.push(app);
  return app;
}

/** The `<video>` a view or a local stream put in `box`, once its frames advance. */
async function showing(box: HTMLElement): Promise<HTMLVideoElement> {
  const video = await until(() => box.querySelector('video'), 15000, `a video in #${box.id}`);
  await videoFrames(video, 3);
  return video;
}

afterEach(async () => {
  for (const app of open.splice(0)) await app.stop().catch(() => undefined);
});

describe('a ZEGO quick-start page, unchanged, on the mesh engine', () => {
  it('two users see and hear each other, message each other, and H.264 is sent when asked', async () => {
    const room = uniqueRoom('quick-start');
    const alice = await page(MeshEngine, 'alice', room, { codec: 'H264' });
    const bob = await page(MeshEngine, 'bob', room);
    expect(alice.state.modern, 'getVersion() takes the 3.x path').to.equal(true);
    await alice.start();
    await bob.start();
    expect(alice.state.roomState).to.equal('LOGINED');

    // Each sees the other in the remote box (played with createRemoteStreamView), and itself mirrored.
    const atBob = await showing(bob.remote);
    const atAlice = await showing(alice.remote);
    const own = await showing(alice.local);
    expect(own.muted, 'your own picture plays silently').to.equal(true);
    expect(own.style.transform).to.equal('rotateY(180deg)');
    expect(atBob.muted, 'a remote view plays its sound').to.equal(false);
    expect(atBob.style.objectFit).to.equal('cover');
    expect(atBob.srcObject).to.be.instanceOf(MediaStream);
    expect((atBob.srcObject as MediaStream).getAudioTracks()).to.have.length(1);
    expect(atAlice.videoWidth).to.be.greaterThan(0);
    await until(() => bob.state.users.includes('alice') && alice.state.users.includes('bob'));

    // Messages of every kind, and the room's extra info.
    expect((await alice.zg.sendBroadcastMessage(room, 'hello')).errorCode).to.equal(0);
    expect((await alice.zg.sendBarrageMessage(room, 'wow')).errorCode).to.equal(0);
    expect((await alice.zg.sendCustomCommand(room, 'ring', ['bob'])).errorCode).to.equal(0);
    expect((await alice.zg.setRoomExtraInfo(room, 'topic', 'demo')).errorCode).to.equal(0);
    await until(() => bob.state.commands.length && bob.state.roomExtra.topic, 10000, 'messages at bob');
    expect(bob.state.messages).to.deep.equal(['alice: hello']);
    expect(bob.state.barrages).to.deep.equal(['alice: wow']);
    expect(bob.state.commands).to.deep.equal(['alice: ring']);
    expect(bob.state.roomExtra).to.deep.equal({ topic: 'demo' });

    // The quality reports name the codec: H.264 from alice (asked), VP8 from bob (the default).
    const fromAlice = await until(
      () =>
        (bob.state.playQuality.alice_main?.video.videoBitrate as number) > 0
          ? bob.state.playQuality.alice_main
          : undefined,
      15000,
      'a play quality report with media at bob',
    );
    expect(fromAlice.video.googCodecName).to.equal('H264');
    expect(fromAlice.audio.audioCodec).to.equal('opus');
    expect(fromAlice.video.muteState).to.equal('0');
    expect(fromAlice.video.videoFramesDecoded).to.be.greaterThan(0);
    const fromBob = await until(() => alice.state.playQuality.bob_main?.video.googCodecName, 15000);
    expect(fromBob).to.equal('VP8');
    const sent = await until(() =>
      (alice.state.publishQuality?.video.videoBitrate as number) > 0 ? alice.state.publishQuality : undefined,
    );
    expect(sent.video.googCodecName).to.equal('H264');
    expect(alice.state.publisher).to.equal('PUBLISHING');

    // Alice leaves: her view at bob stops (the page's DELETE handler) and the box empties.
    await alice.stop();
    open.splice(open.indexOf(alice), 1);
    await until(() => !bob.remote.querySelector('video') && !bob.state.users.includes('alice'), 10000);
  });

  it('createRemoteStreamView refuses a stream that is not being played, as ZEGO’s SDK does', async () => {
    const app = await page(MeshEngine, 'carol', uniqueRoom('view'));
    const stream = await app.capture();
    expect(() => app.zg.createRemoteStreamView(stream.stream as MediaStream)).to.throw('create viewer failed.');
  });
});

describe('every method of ZEGO’s SDK class is there on the mesh engine', () => {
  /** Method names of an object's class chain, without Object's. */
  const methods = (o: object) => {
    const out = new Set<string>();
    for (let p = Object.getPrototypeOf(o); p && p !== Object.prototype; p = Object.getPrototypeOf(p))
      for (const name of Object.getOwnPropertyNames(p))
        if (name !== 'constructor' && typeof Object.getOwnPropertyDescriptor(p, name)?.value === 'function')
          out.add(name);
    return out;
  };

  it('what the mesh engine cannot do answers with ZEGO’s 1101003, never “is not a function”', async () => {
    const real = new ZegoExpressEngine(appID, 'wss://127.0.0.1:9/ws');
    real.setLogConfig({ logLevel: 'disable', remoteLogLevel: 'disable', logURL: '' });
    const mesh = new MeshEngine(appID, 'wss://127.0.0.1:9/ws');
    // The SDK's own public methods (its typings: names without a leading underscore).
    const publicNames = [...methods(real)].filter((n) => /^[a-z]/.test(n) && n in real);
    const missing = publicNames.filter((n) => typeof (mesh as unknown as Record<string, unknown>)[n] !== 'function');
    expect(missing).to.deep.equal([]);
    expect(publicNames.length).to.be.greaterThan(100);

    const any = mesh as unknown as Record<string, (...a: unknown[]) => unknown>;
    expect(await any.setEffectsBeauty!({}, true)).to.deep.include({ errorCode: NOT_SUPPORTED });
    expect(await any.switchRoom!('a', 'b', {})).to.equal(false);
    expect(any.enableMultiRoom!(true)).to.equal(false);
    expect(() => any.createStreamCompositor!()).to.throw(/not supported on the mesh engine/);
    await (any.uploadLog!() as Promise<unknown>).then(
      () => expect.fail('uploadLog resolved'),
      (err: { code: number }) => expect(err.code).to.equal(NOT_SUPPORTED),
    );
    expect(unsupportedMethods()).to.include.members(['startMixerTask', 'setEffectsBeauty', 'sendSEI']);
    mesh.destroyEngine();
    real.destroyEngine();
  });
});

describe('the same page on ZEGO’s real SDK class, where no network is needed (side by side)', () => {
  it('construction, getVersion, checkSystemRequirements and createZegoStream + playVideo agree', async () => {
    const nowhere = 'wss://127.0.0.1:9/ws';
    const real = await page(ZegoExpressEngine, 'real', uniqueRoom('side'), { server: nowhere });
    const mesh = await page(MeshEngine, 'mesh', uniqueRoom('side'), { server: nowhere });
    expect(real.state.modern).to.equal(true);
    expect(mesh.state.modern).to.equal(true);
    expect(Object.keys(await mesh.check()).sort()).to.deep.equal(Object.keys(await real.check()).sort());

    const [a, b] = [await real.capture(), await mesh.capture()];
    for (const s of [a, b]) {
      expect(s.active).to.equal(true);
      expect(s.id).to.match(/^zego-stream-/);
      expect(s.stream?.getVideoTracks()).to.have.length(1);
      expect(s.getAudioTracks()).to.have.length(1);
      expect(s.videoDeviceId).to.be.a('string').and.not.equal('');
    }
    // The local box: a black box filling the container with a silent, mirrored, contained picture.
    const [rv, mv] = [await showing(real.local), await showing(mesh.local)];
    for (const prop of ['width', 'height', 'objectFit', 'transform'] as const)
      expect(mv.style[prop], prop).to.equal(rv.style[prop]);
    expect([mv.muted, mv.autoplay, mv.playsInline]).to.deep.equal([rv.muted, rv.autoplay, rv.playsInline]);
    const [rbox, mbox] = [rv.parentElement!, mv.parentElement!];
    for (const prop of ['width', 'height', 'position', 'backgroundColor', 'overflow'] as const)
      expect(mbox.style[prop], prop).to.equal(rbox.style[prop]);

    // Stopping the picture empties the box; destroying the stream ends its tracks (the light goes out).
    const tracks = [...a.getTracks(), ...b.getTracks()];
    for (const app of [real, mesh]) {
      app.localStream!.stopVideo();
      expect(app.local.innerHTML).to.equal('');
      app.zg.destroyStream(app.localStream!);
      expect(app.localStream!.stream).to.equal(null);
      expect(app.localStream!.active).to.equal(false);
    }
    expect(tracks.every((t) => t.readyState === 'ended')).to.equal(true);
  });
});
