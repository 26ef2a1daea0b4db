/**
 * A stream this engine plays: one {@link PeerLink} to its publisher, and the state ZEGO reports
 * (`PLAY_REQUESTING` → `PLAYING` → `NO_PLAY`). We offer receive-only transceivers; the publisher
 * answers with its tracks. Gives up with 1104031 when no media arrives within the play timeout.
 */
import type { ZegoPlayOption, ZegoPlayState } from '../core/engine.js';
import { ZegoError, ZegoErrorCode, messageOf } from '../core/errors.js';
import type { SignalData } from '../hub/protocol.js';
import { PeerLink } from './peer-link.js';
import type { SignallingClient } from './signalling.js';
import { QualityMeter } from './stats.js';

/** What a playback needs from its engine. */
export interface PlaybackHost {
  readonly iceServers: RTCIceServer[];
  readonly signalling: SignallingClient;
  /** Reports a state change (`playerStateUpdate`). */
  report(pb: Playback, code: number, msg: string): void;
  /** The playback ended; forget it. */
  ended(pb: Playback): void;
}

export class Playback {
  state: ZegoPlayState = 'PLAY_REQUESTING';
  readonly remote = new MediaStream();
  readonly meter = new QualityMeter();
  readonly link: PeerLink;
  /** Resolves with the remote media once every track is there; rejects if the playback ends first. */
  readonly media: Promise<MediaStream>;
  private settle: { resolve(s: MediaStream): void; reject(e: unknown): void } | undefined;
  private readonly timer: ReturnType<typeof setTimeout>;
  private done = false;

  constructor(
    readonly streamID: string,
    /** The publisher's userID. */
    readonly owner: string,
    option: ZegoPlayOption,
    timeout: number,
    private readonly host: PlaybackHost,
  ) {
    this.media = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
    this.timer = setTimeout(() => this.end(ZegoErrorCode.PLAY_RETRY_TIMEOUT, 'no media arrived in time'), timeout);
    this.link = new PeerLink(host.iceServers, (candidate) => this.signal({ type: 'candidate', candidate }));
    const pc = this.link.pc;
    if (option.video !== false) pc.addTransceiver('video', { direction: 'recvonly' });
    if (option.audio !== false) pc.addTransceiver('audio', { direction: 'recvonly' });
    const expected = (option.video !== false ? 1 : 0) + (option.audio !== false ? 1 : 0);
    pc.ontrack = (e) => {
      if (!this.remote.getTracks().includes(e.track)) this.remote.addTrack(e.track);
      // The media can be attached as soon as every track is there: the first frame shows the moment
      // it is decoded. PLAYING is still reported when the connection is up.
      if (this.remote.getTracks().length >= expected) this.resolve();
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'connected' && this.state !== 'PLAYING') {
        clearTimeout(this.timer);
        this.state = 'PLAYING';
        this.resolve();
        this.host.report(this, 0, '');
      } else if (pc.connectionState === 'failed') {
        this.end(ZegoErrorCode.PLAY_RETRY_TIMEOUT, 'the peer connection failed');
      }
    };
  }

  /** Reports `PLAY_REQUESTING` and sends the offer. */
  async start(): Promise<void> {
    this.host.report(this, 0, '');
    try {
      const offer = await this.link.pc.createOffer();
      await this.link.pc.setLocalDescription(offer);
      if (!this.done) this.signal({ type: 'offer', sdp: offer.sdp ?? '' });
    } catch (err) {
      this.end(ZegoErrorCode.PLAY_RETRY_TIMEOUT, messageOf(err));
    }
  }

  /** Negotiation from the publisher. */
  async onSignal(data: SignalData): Promise<void> {
    try {
      if (data.type === 'answer') {
        await this.link.pc.setRemoteDescription({ type: 'answer', sdp: data.sdp });
        await this.link.ready();
      } else if (data.type === 'candidate') {
        await this.link.addCandidate(data.candidate);
      } else if (data.type === 'stop') {
        this.end(ZegoErrorCode.PLAY_STREAM_NOT_FOUND, 'the publisher stopped');
      }
    } catch (err) {
      this.end(ZegoErrorCode.PLAY_RETRY_TIMEOUT, messageOf(err));
    }
  }

  /** Stops playing at the app's request, telling the publisher when the link is up. */
  stop(): void {
    if (this.host.signalling.state === 'open') this.signal({ type: 'stop' });
    this.end(0, '');
  }

  /** Ends here: the link closes, the remote tracks stop, `NO_PLAY` with the code is reported. */
  end(code: number, msg: string): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.timer);
    this.link.close();
    for (const t of this.remote.getTracks()) t.stop();
    this.settle?.reject(new ZegoError(code || ZegoErrorCode.PLAY_STREAM_NOT_FOUND, msg || 'stopped'));
    this.settle = undefined;
    this.state = 'NO_PLAY';
    this.host.ended(this);
    this.host.report(this, code, msg);
  }

  private resolve(): void {
    this.settle?.resolve(this.remote);
    this.settle = undefined;
  }

  private signal(data: SignalData): void {
    this.host.signalling.signal(this.owner, this.streamID, data);
  }
}
