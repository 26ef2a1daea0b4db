/**
 * ZEGO's real SDK (`zego-express-engine-webrtc`) loaded in Chromium, without network: this machine
 * cannot reach ZEGO's cloud (and the test browser resolves no outside host), so these tests show what
 * the kit does with the real class where no cloud answers.
 */
import { expect, fixture, html } from '@open-wc/testing';
import * as sdk from 'zego-express-engine-webrtc';
import '../../../src/components/room/define.js';
import '../../../src/components/preview/define.js';
import type { ZegoRoom } from '../../../src/components/room/room.js';
import type { ZegoPreview } from '../../../src/components/preview/preview.js';
import type { ZegoEngine } from '../../../src/core/engine.js';
import { RoomSession } from '../../../src/core/session.js';
import { MeshEngine } from '../../../src/mesh/mesh-engine.js';
import { sleep, trackPeerConnections, until } from '../helpers.js';

// The SDK is UMD: bundlers expose its named export, a CommonJS transform only its default.
const { ZegoExpressEngine } = ((sdk as unknown as { default?: typeof sdk }).default ?? sdk) as typeof sdk;
type ZegoExpressEngine = InstanceType<typeof ZegoExpressEngine>;

const APP_ID = 1234567;
/** A closed local port: the SDK's room connection fails here, and outside hosts do not resolve. */
const NOWHERE = 'wss://127.0.0.1:9/ws';

function quietSdk(): ZegoExpressEngine {
  const engine = new ZegoExpressEngine(APP_ID, NOWHERE);
  engine.setLogConfig({ logLevel: 'error', remoteLogLevel: 'disable', logURL: '' });
  engine.setDebugVerbose(false);
  return engine;
}

/** Records the arguments of every `off` call the kit makes on a real SDK engine. */
function spyOff(engine: ZegoExpressEngine): unknown[][] {
  const calls: unknown[][] = [];
  const off = engine.off.bind(engine);
  (engine as unknown as { off: (...a: unknown[]) => boolean }).off = (...args: unknown[]) => {
    calls.push(args);
    return off(...(args as Parameters<typeof off>));
  };
  return calls;
}

describe('MeshEngine answers the housekeeping calls as ZEGO’s SDK does (side by side, no network)', () => {
  const CONFIGS: unknown[] = [
    { logLevel: 'error', remoteLogLevel: 'disable', logURL: '' },
    { logLevel: 'debug' },
    {},
    { logLevel: 'loud' },
    { remoteLogLevel: 'report' },
    { logURL: 42 },
    { logCount: -1 },
    { logSize: 0 },
    null,
    'debug',
  ];

  it('getVersion: a 3.12 version string, which the apps’ `< "2.17.0"` check reads as modern', () => {
    const real = quietSdk();
    const mesh = new MeshEngine(APP_ID, NOWHERE);
    expect(real.getVersion()).to.equal('3.12.0');
    expect(mesh.getVersion().startsWith(real.getVersion())).to.equal(true);
    expect(mesh.getVersion() < '2.17.0').to.equal(false);
    real.destroyEngine();
    mesh.destroyEngine();
  });

  it('checkSystemRequirements: the same answer, whole and for each check (and for an unknown one)', async () => {
    const real = quietSdk();
    const mesh = new MeshEngine(APP_ID, NOWHERE);
    const check = (e: { checkSystemRequirements(t?: never): Promise<unknown> }, t?: string) =>
      e.checkSystemRequirements(t as never);
    expect(await check(mesh)).to.deep.equal(await check(real));
    for (const t of [
      'webRTC',
      'customCapture',
      'camera',
      'microphone',
      'screenSharing',
      'H264',
      'VP8',
      'H265',
      'bogus',
    ])
      expect(await check(mesh, t), t).to.deep.equal(await check(real, t));
    real.destroyEngine();
    mesh.destroyEngine();
  });

  it('setLogConfig accepts and refuses the same configs; setDebugVerbose returns nothing', () => {
    const real = quietSdk();
    const mesh = new MeshEngine(APP_ID, NOWHERE);
    const answers = (e: { setLogConfig(c: never): boolean }) =>
      CONFIGS.map((c) => {
        try {
          return e.setLogConfig(c as never);
        } catch {
          return 'threw';
        }
      });
    expect(answers(mesh)).to.deep.equal(answers(real));
    expect(mesh.setDebugVerbose(false)).to.equal(real.setDebugVerbose(false));
    real.setLogConfig({ logLevel: 'error', remoteLogLevel: 'disable', logURL: '' });
    real.destroyEngine();
    mesh.destroyEngine();
  });
});

describe('ZEGO’s real SDK in the kit (without network)', () => {
  it('loginRoom rejects with {code, msg}, and the session reports LOGIN_FAILED with that code', async () => {
    const engine = quietSdk();
    const session = new RoomSession(engine, 'sdk-room', { userID: 'alice', userName: 'Alice' });
    let error: { code?: number; msg?: string; errorCode?: number } = {};
    try {
      await session.login('');
    } catch (e) {
      error = e as typeof error;
    }
    expect(error.code).to.equal(1100001);
    expect(error.msg).to.be.a('string');
    expect(session.status).to.include({ phase: 'failed', errorCode: 1100001 });
    session.detach();
    engine.destroyEngine();
  });

  it('the kit never calls off(event) without its callback, so the app’s own listeners survive', async () => {
    const engine = quietSdk();
    const offCalls = spyOff(engine);
    const seen: string[] = [];
    const appListener = (_room: string, reason: string) => seen.push(reason);
    engine.on('roomStateChanged', appListener);
    const session = new RoomSession(engine, 'sdk-room', { userID: 'alice' });
    session.attach();
    session.detach();
    expect(offCalls.length).to.be.greaterThan(10);
    expect(offCalls.every((args) => typeof args[1] === 'function')).to.equal(true);
    // The app's listener still hears the SDK.
    await engine.loginRoom('sdk-room', '', { userID: 'alice' }).catch(() => undefined);
    await until(() => seen.includes('LOGIN_FAILED'));
    engine.destroyEngine();
  });

  it('<zego-preview> shows the camera captured by the real SDK despite its injected styles', async () => {
    const engine = quietSdk();
    const stylesBefore = document.querySelectorAll('style').length;
    const session = new RoomSession(engine, 'sdk-room', { userID: 'alice', userName: 'Alice' });
    const el = await fixture<ZegoPreview>(html`<zego-preview .session=${session}></zego-preview>`);
    await until(() => !!el.stream);
    const video = el.shadowRoot!.querySelector('video')!;
    await until(() => video.videoWidth > 0 && video.currentTime > 0);
    expect(document.querySelectorAll('style').length).to.be.at.least(stylesBefore);
    await expect(el).to.be.accessible();
    const tracks = el.stream!.getTracks();
    el.remove();
    await until(() => tracks.every((t) => t.readyState === 'ended'));
    engine.destroyEngine();
  });

  it('provider="zego" loads the SDK on demand; a login no cloud answers ends in the failed state, and removal cleans up', async () => {
    const pcs = trackPeerConnections();
    try {
      const errors: { code: number; msg: string }[] = [];
      const room = await fixture<ZegoRoom>(
        html`<zego-room
          provider="zego"
          app-id=${APP_ID}
          server=${NOWHERE}
          room-id="sdk-room"
          user-id="alice"
          token="04notarealtoken"
          login-timeout="3000"
          @zego-error=${(e: CustomEvent<{ code: number; msg: string }>) => errors.push(e.detail)}
          ><zego-preview></zego-preview
        ></zego-room>`,
      );
      await until(() => room.getAttribute('state') === 'failed', 15000);
      expect(errors.map((e) => e.code)).to.include(1002031);
      const banner = room.shadowRoot!.querySelector('[part~="status"]')!;
      expect(banner.textContent).to.contain('Could not join the room');
      expect(banner.textContent).to.contain('The server did not answer in time.');
      expect(room.session!.engine).to.be.instanceOf(ZegoExpressEngine);
      const preview = room.querySelector('zego-preview')!;
      room.remove();
      await sleep(50);
      expect(preview.stream).to.equal(undefined);
      expect(pcs.open()).to.equal(0);
    } finally {
      pcs.restore();
    }
  });

  it('an app-made ZegoExpressEngine set as the engine property is used as is and not destroyed', async () => {
    const engine = quietSdk();
    const offCalls = spyOff(engine);
    const room = await fixture<ZegoRoom>(
      html`<zego-room
        room-id="sdk-room"
        user-id="alice"
        .engine=${engine as ZegoEngine}
        .tokenProvider=${async () => ''}
      ></zego-room>`,
    );
    await until(() => room.getAttribute('state') === 'failed');
    expect(room.session!.status.errorCode).to.equal(1100001);
    room.remove();
    await sleep(20);
    expect(offCalls.length).to.be.greaterThan(0);
    expect(offCalls.every((args) => typeof args[1] === 'function')).to.equal(true);
    // Still usable by the app: it was not destroyed.
    const stream = await engine.createStream({ camera: { video: false, audio: true } });
    expect(stream.getAudioTracks()[0]!.readyState).to.equal('live');
    engine.destroyStream(stream);
    engine.destroyEngine();
  });
});
