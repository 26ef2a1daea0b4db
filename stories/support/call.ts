/**
 * Calls for the showcase, with no server: a hub in the page (`InPageTransport`) and bot
 * participants that publish real WebRTC streams from animated canvases (name + colour) and an
 * oscillator tone, so every tile in the showcase is real media.
 */
import { Hub } from '../../dist/hub/hub.js';
import { MeshEngine } from '../../dist/mesh/mesh-engine.js';
import type { Transport, TransportHandlers } from '../../dist/mesh/transport.js';
import { InPageTransport } from '../../dist/mesh/in-page-transport.js';
import { RoomSession } from '../../dist/core/session.js';
import type { ClientMessage } from '../../dist/hub/protocol.js';
import type { ZegoLocalStreamConfig } from '../../dist/core/engine.js';

const COLOURS = ['#e4572e', '#29335c', '#f3a712', '#669bbc', '#a8c686', '#8e44ad', '#16a085', '#d35400'];
const NAMES = ['Ada', 'Grace', 'Linus', 'Margaret', 'Alan', 'Barbara', 'Ken', 'Radia', 'Dennis', 'Frances'];

export interface BotOptions {
  name?: string;
  colour?: string;
  /** Tone in Hz; 0 for silence. */
  tone?: number;
  /** Pulses the tone so the bot shows as speaking now and then. */
  speaking?: boolean;
  micMuted?: boolean;
  cameraOff?: boolean;
  /** Joins without publishing anything (as after denying camera and microphone). */
  noStream?: boolean;
  /** Also shares a "screen" (its canvas) as `<userID>_screen`. */
  sharing?: boolean;
}

/** A participant that publishes an animated canvas and a tone. */
export class Bot {
  readonly engine: MeshEngine;
  readonly userID: string;
  readonly name: string;
  private timer: ReturnType<typeof setInterval> | undefined;
  private audio: AudioContext | undefined;
  stream: MediaStream | undefined;

  constructor(
    hub: Hub,
    readonly index: number,
    readonly options: BotOptions = {},
  ) {
    this.engine = new MeshEngine(1, new InPageTransport(hub), { qualityInterval: 3000 });
    this.name = options.name ?? NAMES[index % NAMES.length]! + (index >= NAMES.length ? ` ${index + 1}` : '');
    this.userID = `bot${index + 1}`;
  }

  /** The bot's view of the room (for stories that act through the kit's API, e.g. raising a hand). */
  session: RoomSession | undefined;

  async join(roomID: string): Promise<void> {
    this.session = new RoomSession(this.engine, roomID, { userID: this.userID, userName: this.name });
    await this.session.login('in-page');
    this.stream = this.media();
    if (this.options.sharing)
      this.engine.startPublishingStream(
        `${this.userID}_screen`,
        new MediaStream(this.stream.getVideoTracks().map((t) => t.clone())),
      );
    if (this.options.noStream) return;
    this.engine.startPublishingStream(`${this.userID}_main`, this.stream);
    if (this.options.micMuted) this.engine.mutePublishStreamAudio(this.stream, true);
    if (this.options.cameraOff) this.engine.mutePublishStreamVideo(this.stream, true);
  }

  private media(): MediaStream {
    const colour = this.options.colour ?? COLOURS[this.index % COLOURS.length]!;
    const canvas = Object.assign(document.createElement('canvas'), { width: 160, height: 120 });
    const g = canvas.getContext('2d')!;
    let frame = 0;
    const draw = () => {
      frame++;
      g.fillStyle = colour;
      g.fillRect(0, 0, 160, 120);
      g.fillStyle = 'rgba(255,255,255,0.85)';
      g.fillRect(((frame * 3) % 200) - 40, 96, 40, 6);
      g.font = '600 20px system-ui, sans-serif';
      g.textAlign = 'center';
      g.fillText(this.name, 80, 62);
    };
    draw();
    this.timer = setInterval(draw, 66);
    const video = canvas.captureStream(15).getVideoTracks();
    const tracks: MediaStreamTrack[] = [...video];
    const tone = this.options.tone ?? 220 + this.index * 40;
    if (typeof AudioContext === 'function') {
      this.audio = new AudioContext();
      const osc = this.audio.createOscillator();
      const gain = this.audio.createGain();
      osc.frequency.value = tone || 1;
      // A faint tone (about -60 dBFS: below the speaking threshold) unless the bot is speaking.
      gain.gain.value = tone ? 0.001 : 0;
      if (this.options.speaking && tone) {
        // Loud for half a second every two seconds: enough to light the speaking indicator.
        const t0 = this.audio.currentTime;
        for (let i = 0; i < 300; i++) {
          gain.gain.setValueAtTime(0.4, t0 + i * 2);
          gain.gain.setValueAtTime(0.001, t0 + i * 2 + 0.5);
        }
      }
      const dest = this.audio.createMediaStreamDestination();
      osc.connect(gain).connect(dest);
      osc.start();
      tracks.push(...dest.stream.getAudioTracks());
    }
    return new MediaStream(tracks);
  }

  leave(): void {
    clearInterval(this.timer);
    this.engine.destroyEngine();
    for (const t of this.stream?.getTracks() ?? []) t.stop();
    void this.audio?.close().catch(() => undefined);
  }
}

/** A call in the page: a hub, bots already publishing, and an engine for the viewer. */
export interface Call {
  hub: Hub;
  roomID: string;
  bots: Bot[];
  /** The viewer's engine (give it to `<zego-room .engine=…>`). */
  engine: MeshEngine;
  end(): void;
}

const calls = new Set<Call>();

/** Ends every call a previous story started (stories re-render on navigation). */
export function endCalls(): void {
  for (const c of calls) c.end();
  calls.clear();
}

/** Starts a call with `bots` participants (each may have options). */
export async function startCall(
  bots: number | BotOptions[],
  transport?: (hub: Hub) => Transport,
  Engine: typeof MeshEngine = MeshEngine,
): Promise<Call> {
  endCalls();
  const hub = new Hub();
  const roomID = `showcase-${Math.random().toString(36).slice(2, 7)}`;
  const list = typeof bots === 'number' ? Array.from({ length: bots }, () => ({})) : bots;
  const members = list.map((o, i) => new Bot(hub, i, o));
  await Promise.all(members.map((b) => b.join(roomID)));
  const engine = new Engine(1, transport ? transport(hub) : new InPageTransport(hub));
  const call: Call = {
    hub,
    roomID,
    bots: members,
    engine,
    end() {
      for (const b of members) b.leave();
      engine.destroyEngine();
      calls.delete(call);
    },
  };
  calls.add(call);
  return call;
}

/** A transport whose connection never opens: the room stays "connecting". */
export class StalledTransport implements Transport {
  open(): Promise<void> {
    return new Promise(() => undefined);
  }
  send(): void {}
  close(): void {}
  drop(): void {}
}

/** An in-page transport that, once dropped, cannot reconnect: the room stays "reconnecting". */
export class FlakyTransport extends InPageTransport {
  private down = false;
  override open(handlers: TransportHandlers): Promise<void> {
    return this.down ? new Promise(() => undefined) : super.open(handlers);
  }
  override send(message: ClientMessage): void {
    if (!this.down) super.send(message);
  }
  override drop(): void {
    this.down = true;
    super.drop();
  }
}

/**
 * An engine in a browser that blocks the camera (1103064) but lets the microphone through, as
 * Chromium does when the camera's permission is refused.
 */
export class CameraBlockedEngine extends MeshEngine {
  override createStream(source?: ZegoLocalStreamConfig): Promise<MediaStream> {
    if (source?.camera?.video !== false)
      return Promise.reject(Object.assign(new Error('Permission denied'), { code: 1103064, msg: 'Permission denied' }));
    return super.createStream(source);
  }
}

/** A session whose engine cannot capture: the camera permission was denied (1103064). */
export function deniedSession(hub = new Hub()): RoomSession {
  class DeniedEngine extends MeshEngine {
    override createStream(): Promise<MediaStream> {
      return Promise.reject(Object.assign(new Error('Permission denied'), { code: 1103064, msg: 'Permission denied' }));
    }
  }
  return new RoomSession(new DeniedEngine(1, new InPageTransport(hub)), 'denied', { userID: 'you', userName: 'You' });
}
