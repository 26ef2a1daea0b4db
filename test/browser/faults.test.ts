/**
 * Calls that survive faults, as the people in them would notice: a server killed and started
 * again, connections cut by a proxy for 3 s and for 30 s, a link gone silent, a participant whose
 * connection dies, a tab closed, raised hands across a cut. Real server (a child process in dev mode: tokens from
 * /api/token, heartbeat 1 s, timeout 3 s), real TCP proxies, real WebRTC. Frames are counted with
 * requestVideoFrameCallback: a frozen stream still advances `currentTime`.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/components/room/define.js';
import '../../src/components/stream-grid/define.js';
import '../../src/components/participants/define.js';
import { gesturesOf } from '../../src/core/gestures.js';
import type { ZegoRoom } from '../../src/components/room/room.js';
import type { ZegoStreamGrid } from '../../src/components/stream-grid/stream-grid.js';
import { MeshEngine } from '../../src/mesh/mesh-engine.js';
import { EventLog, framesArrive, sleep, uniqueRoom, until, videoFrames } from './helpers.js';

const command = <T>(name: string, payload?: unknown) => executeServerCommand<T, unknown>(name, payload);
const startServer = (heartbeatTimeout?: number) =>
  command<{ id: number; port: number }>('fault-server-start', { heartbeatTimeout });
const startProxy = (target: number) => command<{ id: number; port: number }>('fault-proxy-start', { target });
const ws = (port: number) => `ws://127.0.0.1:${port}/ws`;

const gridOf = (room: ZegoRoom) => room.querySelector<ZegoStreamGrid>('zego-stream-grid')!;
/** The stream IDs of the grid's remote tiles. */
const remoteTiles = (room: ZegoRoom) =>
  [...gridOf(room).shadowRoot!.querySelectorAll('zego-remote-stream')].map((t) => t.getAttribute('stream-id'));
/** The <video> of the tile showing `streamID`, once it has media. */
const remoteVideo = (room: ZegoRoom, streamID: string) => {
  const tile = gridOf(room).shadowRoot!.querySelector(`zego-remote-stream[stream-id="${streamID}"]`);
  const video = tile?.shadowRoot?.querySelector('video');
  return video?.srcObject ? video : undefined;
};

/** `<zego-room>`s with a grid each, for `users`, joined to one room on `server` (dev mode: no token). */
async function rooms(roomID: string, server: (userID: string) => string, users: string[]): Promise<ZegoRoom[]> {
  const box = await fixture<HTMLDivElement>(html`<div style="display:flex;gap:8px"></div>`);
  const made = users.map((userID) => {
    const room = document.createElement('zego-room') as ZegoRoom;
    room.setAttribute('room-id', roomID);
    room.setAttribute('user-id', userID);
    room.setAttribute('server', server(userID));
    room.style.cssText = 'display:block;width:320px;height:240px';
    room.append(document.createElement('zego-stream-grid'));
    box.append(room);
    return room;
  });
  for (const room of made) await until(() => room.getAttribute('state') === 'connected', 15000, 'connected');
  return made;
}

/** Every state the room's `state` attribute takes from now on. */
function states(room: ZegoRoom): string[] {
  const seen: string[] = [];
  new MutationObserver(() => seen.push(room.getAttribute('state') ?? '')).observe(room, {
    attributes: true,
    attributeFilter: ['state'],
  });
  return seen;
}

/** Each of `a` and `b` shows the other's camera, frames advancing. */
async function seeEachOther(a: ZegoRoom, b: ZegoRoom, timeout = 15000): Promise<void> {
  const aID = `${a.getAttribute('user-id')}_main`;
  const bID = `${b.getAttribute('user-id')}_main`;
  await videoFrames(await until(() => remoteVideo(a, bID), timeout, `${aID} shows ${bID}`), 3, timeout);
  await videoFrames(await until(() => remoteVideo(b, aID), timeout, `${bID} shows ${aID}`), 3, timeout);
}

describe('faults', function () {
  this.timeout(90000);
  afterEach(async () => {
    for (const room of document.querySelectorAll('zego-room')) room.remove();
    await command('fault-cleanup');
  });

  it('the server is killed and started again on the same port: both come back, same tiles, frames advancing', async () => {
    const server = await startServer();
    const [alice, bob] = await rooms(uniqueRoom('restart'), () => ws(server.port), ['alice', 'bob']);
    await seeEachOther(alice!, bob!);
    const aliceStates = states(alice!);
    await command('fault-server-kill', { id: server.id });
    await until(() => alice!.getAttribute('state') === 'reconnecting', 5000, 'alice shows reconnecting');
    await command('fault-server-restart', { id: server.id });
    await until(
      () => alice!.getAttribute('state') === 'connected' && bob!.getAttribute('state') === 'connected',
      15000,
      'both connected again',
    );
    await seeEachOther(alice!, bob!);
    expect(remoteTiles(alice!)).to.deep.equal(['bob_main']);
    expect(remoteTiles(bob!)).to.deep.equal(['alice_main']);
    expect(aliceStates).not.to.include('failed');
    // And the room on the new server is real: a newcomer sees both.
    const carol = new MeshEngine(1, ws(server.port));
    const log = new EventLog(carol);
    const token = (await (await fetch(`http://127.0.0.1:${server.port}/api/token?userID=carol`)).json()).token;
    await carol.loginRoom(alice!.getAttribute('room-id')!, token, { userID: 'carol' });
    const added = await log.waitFor('roomStreamUpdate', (_r, type) => type === 'ADD');
    expect((added[2] as { streamID: string }[]).map((s) => s.streamID).sort()).to.deep.equal([
      'alice_main',
      'bob_main',
    ]);
    carol.destroyEngine();
  });

  it('a 3 s cut of one participant’s connection: the media never stalls, and the room is back', async () => {
    // The hub's default session window (12 s): a 3 s cut is resumed, the others see nothing.
    const server = await startServer(12000);
    const proxy = await startProxy(server.port);
    const [alice, bob] = await rooms(uniqueRoom('cut3'), (u) => ws(u === 'alice' ? proxy.port : server.port), [
      'alice',
      'bob',
    ]);
    await seeEachOther(alice!, bob!);
    const bobSeesAlice = remoteVideo(bob!, 'alice_main')!;
    const aliceSeesBob = remoteVideo(alice!, 'bob_main')!;
    await command('fault-proxy-cut', { id: proxy.id, ms: 3000 });
    await until(() => alice!.getAttribute('state') === 'reconnecting', 3000, 'alice shows reconnecting');
    // During the cut, both videos keep moving (20 fps camera: 20 frames ≈ 1 s).
    await Promise.all([videoFrames(bobSeesAlice, 20, 2500), videoFrames(aliceSeesBob, 20, 2500)]);
    await until(() => alice!.getAttribute('state') === 'connected', 10000, 'alice connected again');
    await seeEachOther(alice!, bob!);
    expect(remoteTiles(bob!)).to.deep.equal(['alice_main']);
  });

  it('a cut as long as the hub’s session window: links the others closed are negotiated again', async () => {
    const server = await startServer();
    const proxy = await startProxy(server.port);
    const [alice, bob] = await rooms(uniqueRoom('cut-window'), (u) => ws(u === 'alice' ? proxy.port : server.port), [
      'alice',
      'bob',
    ]);
    await seeEachOther(alice!, bob!);
    await command('fault-proxy-cut', { id: proxy.id, ms: 4000 });
    await until(() => remoteTiles(bob!).length === 0, 8000, 'bob drops alice');
    await until(() => alice!.getAttribute('state') === 'connected', 15000, 'alice connected again');
    await seeEachOther(alice!, bob!, 10000);
  });

  it('raised hands across a cut: the others lose the absent hand and get it back; the returning page sees the hands raised meanwhile', async () => {
    const server = await startServer();
    const proxy = await startProxy(server.port);
    const [alice, bob] = await rooms(uniqueRoom('cut-hands'), (u) => ws(u === 'alice' ? proxy.port : server.port), [
      'alice',
      'bob',
    ]);
    // What each person sees: the people list, with a hand on the rows of raised hands.
    const hands = (room: ZegoRoom) =>
      [...(room.querySelector('zego-participants')?.shadowRoot?.querySelectorAll<HTMLElement>('[part~="row"]') ?? [])]
        .filter((row) => row.querySelector('[part~="hand"]'))
        .map((row) => row.dataset['key'])
        .join();
    for (const room of [alice!, bob!]) room.append(document.createElement('zego-participants'));
    const [aliceHands, bobHands] = [gesturesOf(alice!.session!), gesturesOf(bob!.session!)];
    await aliceHands.raiseHand();
    await until(() => hands(bob!) === 'user:alice', 5000, "bob sees alice's hand");
    expect(hands(alice!)).to.equal('self');

    await command('fault-proxy-cut', { id: proxy.id, ms: 4000 });
    await until(() => hands(bob!) === '', 8000, "alice's hand goes with her");
    await bobHands.raiseHand(); // while alice is away
    await until(() => alice!.getAttribute('state') === 'connected', 15000, 'alice connected again');
    await until(() => hands(bob!) === 'self,user:alice', 10000, "bob sees alice's hand again");
    await until(() => hands(alice!) === 'self,user:bob', 10000, 'alice sees the hand bob raised while she was away');
    await bobHands.raiseHand(false);
    await until(() => hands(alice!) === 'self', 5000, "bob's hand down on alice's page");
  });

  it('a 30 s cut: the ladder rejoins (the hub had dropped the session) and video is back within seconds', async () => {
    const server = await startServer();
    const proxy = await startProxy(server.port);
    const [alice, bob] = await rooms(uniqueRoom('cut30'), (u) => ws(u === 'alice' ? proxy.port : server.port), [
      'alice',
      'bob',
    ]);
    await seeEachOther(alice!, bob!);
    const aliceStates = states(alice!);
    await command('fault-proxy-cut', { id: proxy.id, ms: 30000 });
    // The hub drops alice after its 3 s timeout: bob's tile of her goes.
    await until(() => remoteTiles(bob!).length === 0, 8000, 'bob drops alice');
    await sleep(30000 - 8000);
    const back = performance.now();
    await until(() => alice!.getAttribute('state') === 'connected', 10000, 'alice connected again');
    await seeEachOther(alice!, bob!, 10000);
    const seconds = (performance.now() - back) / 1000;
    expect(seconds).to.be.below(10);
    expect(aliceStates).not.to.include('failed');
    expect(remoteTiles(alice!)).to.deep.equal(['bob_main']);
    expect(remoteTiles(bob!)).to.deep.equal(['alice_main']);
  });

  it('a silent link (open sockets, no bytes): reconnecting shows within two heartbeats, then it recovers', async () => {
    const server = await startServer();
    const proxy = await startProxy(server.port);
    const [alice, bob] = await rooms(uniqueRoom('silent'), (u) => ws(u === 'alice' ? proxy.port : server.port), [
      'alice',
      'bob',
    ]);
    await seeEachOther(alice!, bob!);
    await command('fault-proxy-silent', { id: proxy.id, on: true });
    const silent = performance.now();
    // Heartbeat 1 s: two beats, plus a timer's slack on a busy machine.
    await until(() => alice!.getAttribute('state') === 'reconnecting', 4000, 'alice shows reconnecting');
    expect(performance.now() - silent).to.be.below(4000);
    await command('fault-proxy-silent', { id: proxy.id, on: false });
    await until(() => alice!.getAttribute('state') === 'connected', 15000, 'alice connected again');
    await seeEachOther(alice!, bob!);
  });

  it('a participant whose connection dies is dropped by the others and stops receiving their media', async () => {
    const server = await startServer();
    const proxy = await startProxy(server.port);
    const roomID = uniqueRoom('vanish');
    const [alice] = await rooms(roomID, () => ws(server.port), ['alice']);
    // Carol, through the proxy, publishes and plays alice's camera.
    const carol = new MeshEngine(1, ws(proxy.port), { reconnectTimeout: 0 });
    const token = (await (await fetch(`http://127.0.0.1:${server.port}/api/token?userID=carol`)).json()).token;
    await carol.loginRoom(roomID, token, { userID: 'carol' });
    const camera = await carol.createStream({ camera: { videoQuality: 1 } });
    carol.startPublishingStream('carol_main', camera);
    await until(() => remoteVideo(alice!, 'carol_main'), 10000, 'alice shows carol');
    const inbound = await carol.startPlayingStream('alice_main');
    const carolSees = await framesArrive(inbound, 3);
    // Carol's link goes silent (a pulled cable): the hub drops her after its 3 s timeout.
    await command('fault-proxy-silent', { id: proxy.id, on: true });
    await until(() => remoteTiles(alice!).length === 0, 8000, 'alice drops carol’s tile');
    // Within a second of that, nothing of alice's reaches carol any more.
    await sleep(1000);
    const before = carolSees.getVideoPlaybackQuality().totalVideoFrames;
    await sleep(1500);
    expect(carolSees.getVideoPlaybackQuality().totalVideoFrames - before).to.be.at.most(1);
    carolSees.remove();
    carol.destroyEngine();
  });

  it('a tab closed normally leaves the room: its tile is gone from the others within a second', async () => {
    const server = await startServer();
    const roomID = uniqueRoom('tab');
    const [alice] = await rooms(roomID, () => ws(server.port), ['alice']);
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><script type="module">
      import '${location.origin}/dist/browser/zego-elements.min.js';
      const room = document.createElement('zego-room');
      room.setAttribute('room-id', ${JSON.stringify(roomID)});
      room.setAttribute('user-id', 'dave');
      room.setAttribute('server', ${JSON.stringify(ws(server.port))});
      room.append(document.createElement('zego-preview'));
      room.querySelector('zego-preview').setAttribute('publish', '');
      document.body.append(room);
    </script>`;
    document.body.append(frame);
    await until(() => remoteVideo(alice!, 'dave_main'), 15000, 'alice shows dave');
    frame.remove();
    const closed = performance.now();
    await until(() => remoteTiles(alice!).length === 0, 3000, 'dave’s tile goes');
    expect(performance.now() - closed).to.be.below(1000);
  });
});
