/** Shared helpers for browser tests: engines logged in to the real server, event logs, frames. */
import { wsURL, appID, serverSecret } from 'virtual:test-server';
import { fixture, html } from '@open-wc/testing';
import { nothing } from 'lit';
import type { ZegoRoom } from '../../src/components/room/room.js';
import { MeshEngine, type MeshEngineOptions } from '../../src/mesh/mesh-engine.js';
import type { Transport } from '../../src/mesh/transport.js';
import type { ZegoEngineEventName } from '../../src/core/engine.js';
import { generateToken04 } from '../../src/hub/token04.js';

export const EVENTS: ZegoEngineEventName[] = [
  'roomStateUpdate',
  'roomStateChanged',
  'roomUserUpdate',
  'roomStreamUpdate',
  'roomOnlineUserCountUpdate',
  'publisherStateUpdate',
  'playerStateUpdate',
  'publishQualityUpdate',
  'playQualityUpdate',
  'networkQuality',
  'soundLevelUpdate',
  'capturedSoundLevelUpdate',
  'remoteCameraStatusUpdate',
  'remoteMicStatusUpdate',
  'tokenWillExpire',
  'IMRecvBroadcastMessage',
  'IMRecvCustomCommand',
];

export interface Logged {
  event: ZegoEngineEventName;
  args: unknown[];
}

/** Records every event an engine emits. */
export class EventLog {
  readonly entries: Logged[] = [];
  constructor(engine: MeshEngine) {
    for (const event of EVENTS) engine.on(event, ((...args: unknown[]) => this.entries.push({ event, args })) as never);
  }
  of(event: ZegoEngineEventName): unknown[][] {
    return this.entries.filter((e) => e.event === event).map((e) => e.args);
  }
  /** Resolves with the first entry's args matching, waiting up to `timeout` ms. */
  async waitFor(
    event: ZegoEngineEventName,
    match: (...args: any[]) => boolean = () => true,
    timeout = 15000,
  ): Promise<any[]> {
    const start = performance.now();
    for (;;) {
      const hit = this.of(event).find((args) => match(...args));
      if (hit) return hit;
      if (performance.now() - start > timeout) {
        throw new Error(
          `no ${event} matching within ${timeout} ms; saw: ${JSON.stringify(this.of(event)).slice(0, 600)}`,
        );
      }
      await sleep(25);
    }
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let seq = 0;
/** A room ID no other test uses. */
export const uniqueRoom = (name: string) => `${name}-${Date.now().toString(36)}-${++seq}`;

export const tokenFor = (userID: string, roomID?: string, ttl = 3600) =>
  generateToken04(
    appID,
    userID,
    serverSecret,
    ttl,
    roomID ? JSON.stringify({ room_id: roomID, privilege: { 1: 1, 2: 1 }, stream_id_list: null }) : '',
  );

export interface Party {
  engine: MeshEngine;
  log: EventLog;
  userID: string;
}

const engines = new Set<MeshEngine>();

/** Creates an engine for `userID` and logs it in to `roomID` through the real server (or `server`). */
export async function join(
  userID: string,
  roomID: string,
  options: MeshEngineOptions = {},
  server: string | Transport = wsURL,
): Promise<Party> {
  const engine = new MeshEngine(appID, server, { qualityInterval: 1000, ...options });
  engines.add(engine);
  const log = new EventLog(engine);
  await engine.loginRoom(
    roomID,
    await tokenFor(userID, roomID),
    { userID, userName: `Name of ${userID}` },
    { userUpdate: true },
  );
  return { engine, log, userID };
}

/** Destroys every engine made by `join` (afterEach). */
export function destroyAll(): void {
  for (const e of engines) e.destroyEngine();
  engines.clear();
}

/** Resolves once `count` video frames of `stream` were presented in a <video> (requestVideoFrameCallback). */
export async function framesArrive(stream: MediaStream, count = 3, timeout = 15000): Promise<HTMLVideoElement> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  document.body.append(video);
  await video.play();
  await new Promise<void>((resolve, reject) => {
    let seen = 0;
    const t = setTimeout(() => reject(new Error(`only ${seen} frames in ${timeout} ms`)), timeout);
    const onFrame = () => {
      if (++seen >= count) {
        clearTimeout(t);
        resolve();
      } else video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  });
  return video;
}

/** Counts RTCPeerConnections created from now on that are not closed. */
export function trackPeerConnections(): { open(): number; all(): RTCPeerConnection[]; restore(): void } {
  const Original = window.RTCPeerConnection;
  const all: RTCPeerConnection[] = [];
  class Tracked extends Original {
    constructor(config?: RTCConfiguration) {
      super(config);
      all.push(this);
    }
  }
  window.RTCPeerConnection = Tracked as typeof RTCPeerConnection;
  return {
    open: () => all.filter((pc) => pc.connectionState !== 'closed' && pc.signalingState !== 'closed').length,
    all: () => [...all],
    restore: () => {
      window.RTCPeerConnection = Original;
    },
  };
}

// ---------------------------------------------------------------- helpers for the element tests

/**
 * Resolves with the first truthy value of `cond()` (polled every 20 ms), or rejects after `timeout`
 * ms saying what was awaited.
 */
export async function until<T>(
  cond: () => T | Promise<T>,
  timeout = 10000,
  what = String(cond),
): Promise<NonNullable<T>> {
  const start = performance.now();
  for (;;) {
    const value = await cond();
    if (value) return value as NonNullable<T>;
    if (performance.now() - start > timeout) throw new Error(`not within ${timeout} ms: ${what}`);
    await sleep(20);
  }
}

/** Resolves once `video` (an element already in the page, e.g. in a shadow root) presents `count` more frames. */
export function videoFrames(video: HTMLVideoElement, count = 3, timeout = 15000): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let seen = 0;
    const t = setTimeout(
      () => reject(new Error(`only ${seen} frames in ${timeout} ms (srcObject ${video.srcObject ? 'set' : 'null'})`)),
      timeout,
    );
    const onFrame = () => {
      if (++seen >= count) {
        clearTimeout(t);
        resolve();
      } else video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  });
}

/** Keeps an engine made by a test so `destroyAll` destroys it too. */
export function adopt<E extends MeshEngine>(engine: E): E {
  engines.add(engine);
  return engine;
}

/** `party` captures its (fake) camera and publishes it as `streamID`; resolves when the hub confirmed. */
export async function publishCamera(party: Party, streamID: string): Promise<MediaStream> {
  const local = await party.engine.createStream({ camera: { videoQuality: 1 } });
  if (!party.engine.startPublishingStream(streamID, local)) throw new Error(`could not publish ${streamID}`);
  await party.log.waitFor('publisherStateUpdate', (r) => r.streamID === streamID && r.state === 'PUBLISHING');
  return local;
}

export interface RoomOptions {
  userName?: string;
  /** What goes inside the room (a lit template). */
  content?: unknown;
  /** An engine for the room to use instead of creating its own. */
  engine?: MeshEngine;
  /** Join with the camera / microphone off (`<zego-room camera="off">`). */
  camera?: 'on' | 'off';
  microphone?: 'on' | 'off';
}

/**
 * Mounts `<zego-room>` for `userID` in `roomID` against the test server, with a token minted for
 * them, and waits until it is connected. Import the elements' define modules first.
 */
export async function mountRoom(roomID: string, userID: string, options: RoomOptions = {}): Promise<ZegoRoom> {
  const token = await tokenFor(userID, roomID);
  const room = await fixture<ZegoRoom>(
    html`<zego-room
      room-id=${roomID}
      user-id=${userID}
      user-name=${options.userName ?? `Name of ${userID}`}
      token=${token}
      server=${wsURL}
      app-id=${appID}
      camera=${options.camera ?? 'on'}
      microphone=${options.microphone ?? 'on'}
      .engine=${options.engine}
      >${options.content ?? nothing}</zego-room
    >`,
  );
  await until(() => room.getAttribute('state') === 'connected', 10000, `${userID} connected to ${roomID}`);
  return room;
}
