/**
 * A stream this engine plays: one {@link PeerLink} to its publisher, and the state ZEGO reports
 * (`PLAY_REQUESTING` → `PLAYING` → `NO_PLAY`). We offer receive-only transceivers; the publisher
 * answers with its tracks. Gives up with 1104031 when no media arrives within the play timeout.
 *
 * A link that fails is negotiated again on a new connection (at once, or when signalling is back),
 * into the same `MediaStream`, so a `<video>` showing it keeps its source.
 */
import type { ZegoPlayOption, ZegoPlayState } from '../core/engine.js';
import { ZegoError, messageOf } from '../core/errors.js';
import { PLAY_RETRY_TIMEOUT, PLAY_STREAM_NOT_FOUND } from '../core/codes.js';
import type { SignalData } from '../hub/protocol.js';
import { PeerLink } from './peer-link.js';
import type { SignallingClient } from './signalling.js';
import { QualityMeter } from './stats.js';

/** What a playback needs from its engine. */
/** How long the publisher has to confirm a link after a reconnection before it is negotiated again, ms. */
const ACK_TIMEOUT = 2000;

export interface PlaybackHost {
  /** The peer connections' configuration (ICE servers and policy) now. */
  rtc(): RTCConfiguration;
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
  link: PeerLink;
  /** Resolves with the remote media once every track is there; rejects if the playback ends first. */
  readonly media: Promise<MediaStream>;
  #settle: { resolve(s: MediaStream): void; reject(e: unknown): void } | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The link failed while signalling was away: negotiate again once it is back. */
  #broken = false;
  /** Waits for the publisher to confirm its side of the link after a reconnection. */
  #check: ReturnType<typeof setTimeout> | undefined;
  #done = false;
  /** The app shows the video (`mutePlayStreamVideo`); when it does not, the publisher sends none. */
  #video = true;
  #small = false;

  constructor(
    readonly streamID: string,
    /** The publisher's userID. */
    readonly owner: string,
    private readonly option: ZegoPlayOption,
    private readonly timeout: number,
    private readonly host: PlaybackHost,
  ) {
    this.media = new Promise((resolve, reject) => (this.#settle = { resolve, reject }));
    this.link = this.#connect();
  }

  /** Reports `PLAY_REQUESTING` and sends the offer. */
  async start(): Promise<void> {
    this.host.report(this, 0, '');
    await this.#offer();
  }

  /** Signalling is back: negotiate again if the link failed meanwhile, else tell the hub we still play. */
  reconnected(): void {
    if (this.#done) return;
    if (this.#broken || this.link.pc.connectionState !== 'connected') return void this.#restart();
    // The link looks up, but the publisher may have closed its side while we were away (the hub
    // dropped us): it answers `play` only if its side is up too; no answer in time, negotiate again.
    clearTimeout(this.#check);
    this.#check = setTimeout(() => void this.#restart(), ACK_TIMEOUT);
    this.#signal({ type: 'play' });
    // A change of mind while away may not have got through.
    this.#sendView();
  }

  /** Negotiation from the publisher. */
  async onSignal(data: SignalData): Promise<void> {
    const link = this.link;
    try {
      if (data.type === 'answer') {
        await link.pc.setRemoteDescription({ type: 'answer', sdp: data.sdp });
        await link.ready();
        // A new link: the publisher sends everything, full size, until told otherwise.
        if (!this.#video || this.#small) this.#sendView();
      } else if (data.type === 'candidate') {
        await link.addCandidate(data.candidate);
      } else if (data.type === 'stop' && this.#check !== undefined) {
        // The answer to our check: the publisher has no link for us any more. A new one, now.
        void this.#restart();
      } else if (data.type === 'stop') {
        this.end(PLAY_STREAM_NOT_FOUND, 'the publisher stopped');
      } else if (data.type === 'play') {
        clearTimeout(this.#check);
        this.#check = undefined;
      }
    } catch (err) {
      if (link === this.link) this.end(PLAY_RETRY_TIMEOUT, messageOf(err));
    }
  }

  /**
   * Receives the video or not (`mutePlayStreamVideo`): the track is turned off here and the
   * publisher stops sending it to us (no bytes for a tile nobody sees); back on, it sends again.
   */
  setVideo(on: boolean): void {
    if (on === this.#video) return;
    this.#video = on;
    for (const t of this.remote.getVideoTracks()) t.enabled = on;
    this.#sendView();
  }

  /** Receives the video at half its width and height, or whole (`setPlayStreamVideoType`): the publisher scales it for us. */
  setSmall(small: boolean): void {
    if (small === this.#small) return;
    this.#small = small;
    this.#sendView();
  }

  #sendView(): void {
    this.#signal({ type: 'view', video: this.#video, ...(this.#small ? { small: true } : {}) });
  }

  /** Stops playing at the app's request, telling the publisher when the link is up. */
  stop(): void {
    if (this.host.signalling.state === 'open') this.#signal({ type: 'stop' });
    this.end(0, '');
  }

  /** Ends here: the link closes, the remote tracks stop, `NO_PLAY` with the code is reported. */
  end(code: number, msg: string): void {
    if (this.#done) return;
    this.#done = true;
    clearTimeout(this.#timer);
    clearTimeout(this.#check);
    this.link.close();
    for (const t of this.remote.getTracks()) t.stop();
    this.#settle?.reject(new ZegoError(code || PLAY_STREAM_NOT_FOUND, msg || 'stopped'));
    this.#settle = undefined;
    this.state = 'NO_PLAY';
    this.host.ended(this);
    this.host.report(this, code, msg);
  }

  /** A new connection, asking for what the app asked to play; no media in time ends the playback. */
  #connect(): PeerLink {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      const why = this.link.iceError;
      this.end(PLAY_RETRY_TIMEOUT, `no media arrived in time${why ? ` (ICE server refused: ${why})` : ''}`);
    }, this.timeout);
    const link = new PeerLink(this.host.rtc(), (candidate) => this.#signal({ type: 'candidate', candidate }));
    const { pc } = link;
    const kinds = (['video', 'audio'] as const).filter((k) => this.option[k] !== false);
    for (const kind of kinds) pc.addTransceiver(kind, { direction: 'recvonly' });
    pc.ontrack = ({ track }) => {
      // A renegotiated track replaces the old one of its kind in the same stream.
      for (const old of this.remote.getTracks())
        if (old.kind === track.kind && old !== track) {
          this.remote.removeTrack(old);
          old.stop();
        }
      if (!this.remote.getTracks().includes(track)) this.remote.addTrack(track);
      // The media can be attached as soon as every track is there: the first frame shows the moment
      // it is decoded. PLAYING is still reported when the connection is up.
      if (this.remote.getTracks().length >= kinds.length) this.#resolve();
    };
    pc.onconnectionstatechange = () => {
      if (link !== this.link) return;
      if (pc.connectionState === 'connected' && this.state !== 'PLAYING') {
        clearTimeout(this.#timer);
        // A first sample now: the first quality report then has real rates.
        void this.meter.play(pc);
        this.state = 'PLAYING';
        this.#resolve();
        this.host.report(this, 0, '');
      } else if (pc.connectionState === 'failed') {
        if (this.host.signalling.state === 'open') void this.#restart();
        else this.#broken = true;
      }
    };
    return link;
  }

  /** The link failed: a new one, negotiated from scratch (the publisher replaces its side). */
  async #restart(): Promise<void> {
    if (this.#done) return;
    clearTimeout(this.#check);
    this.#check = undefined;
    this.#broken = false;
    this.link.close();
    this.link = this.#connect();
    if (this.state !== 'PLAY_REQUESTING') {
      this.state = 'PLAY_REQUESTING';
      this.host.report(this, 0, '');
    }
    await this.#offer();
  }

  async #offer(): Promise<void> {
    const link = this.link;
    try {
      const offer = await link.pc.createOffer();
      await link.pc.setLocalDescription(offer);
      if (!this.#done && link === this.link) this.#signal({ type: 'offer', sdp: offer.sdp ?? '' });
    } catch (err) {
      if (link === this.link) this.end(PLAY_RETRY_TIMEOUT, messageOf(err));
    }
  }

  #resolve(): void {
    this.#settle?.resolve(this.remote);
    this.#settle = undefined;
  }

  #signal(data: SignalData): void {
    this.host.signalling.signal(this.owner, this.streamID, data);
  }
}
