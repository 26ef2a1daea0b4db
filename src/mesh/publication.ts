/**
 * A stream this engine publishes: its state (`PUBLISH_REQUESTING` → `PUBLISHING` → `NO_PUBLISH`)
 * and one {@link PeerLink} per user playing it. Players ask with an offer; we answer with our tracks.
 */
import type { ZegoDeviceStatus, ZegoPublishState } from '../core/engine.js';
import { messageOf, toErrorInfo } from '../core/errors.js';
import { BROWSER_UNSUPPORTED, NETWORK_BROKEN, PUBLISH_RETRY_TIMEOUT } from '../core/codes.js';
import type { SignalData } from '../hub/protocol.js';
import { PeerLink } from './peer-link.js';
import type { SignallingClient } from './signalling.js';
import { QualityMeter } from './stats.js';

/** What a publication needs from its engine. */
export interface PublicationHost {
  /** The peer connections' configuration (ICE servers and policy) now. */
  rtc(): RTCConfiguration;
  readonly signalling: SignallingClient;
  /** Reports a state change (`publisherStateUpdate`). */
  report(pub: Publication, code: number, msg: string): void;
  /** The publication ended; forget it. */
  ended(pub: Publication): void;
}

/** The camera and microphone state of a local stream, as the room should see it. */
export function deviceStatus(stream: MediaStream): { camera: ZegoDeviceStatus; mic: ZegoDeviceStatus } {
  const live = (t: MediaStreamTrack | undefined) => !!t && t.enabled && t.readyState === 'live';
  return {
    camera: live(stream.getVideoTracks()[0]) ? 'OPEN' : 'MUTE',
    mic: live(stream.getAudioTracks()[0]) ? 'OPEN' : 'MUTE',
  };
}

export class Publication {
  state: ZegoPublishState = 'PUBLISH_REQUESTING';
  readonly meter = new QualityMeter();
  readonly #peers = new Map<string, PeerLink>();
  /** Players that do not show our video (`view`): they are sent none. */
  readonly #unseen = new Set<string>();
  /** Players that show our video small (`view` with `small`): they are sent it at half its width and height. */
  readonly #small = new Set<string>();
  #done = false;

  constructor(
    readonly streamID: string,
    readonly stream: MediaStream,
    private readonly host: PublicationHost,
  ) {}

  /** The peer connections to every player, for stats. */
  get connections(): RTCPeerConnection[] {
    return [...this.#peers.values()].map((l) => l.pc);
  }

  /** The video codec the app asked for (`publishOption.videoCodec`), first in every answer when the browser has it. */
  videoCodec: 'VP8' | 'H264' | 'H265' | undefined;

  /** The most the video may send to each player, kbps (the stream's preset or config); none when undefined. */
  maxBitrate: number | undefined;

  /** Asks the hub to publish; `PUBLISHING` when it agrees, `NO_PUBLISH` with its error when not. */
  start(extraInfo: string): void {
    this.extraInfo = extraInfo;
    this.host.report(this, 0, '');
    this.ask();
  }

  /**
   * Signalling is back. After a rejoin the hub knows nothing of us: publish again under the same ID
   * (players keep their links to us). After a resume, only a request the drop cut short is asked again.
   */
  reconnected(rejoined: boolean): void {
    if (!this.#done && (rejoined || this.state === 'PUBLISH_REQUESTING')) this.ask();
  }

  /** What the hub knows the stream by, kept for a publish after a rejoin (`setStreamExtraInfo`). */
  extraInfo = '';

  private ask(): void {
    const request = {
      t: 'publish',
      streamID: this.streamID,
      extraInfo: this.extraInfo,
      ...deviceStatus(this.stream),
    } as const;
    this.host.signalling.request(request).then(
      () => {
        if (this.#done || this.state === 'PUBLISHING') return;
        this.state = 'PUBLISHING';
        this.host.report(this, 0, '');
      },
      (err: unknown) => {
        const { code, msg } = toErrorInfo(err, PUBLISH_RETRY_TIMEOUT);
        // The link dropped before the answer: asked again when it is back.
        if (code !== NETWORK_BROKEN) this.end(code, msg);
      },
    );
  }

  /** Stops publishing: tells the hub and every player (when the link is up), closes every link. */
  stop(): void {
    if (this.#done) return;
    if (this.host.signalling.state === 'open')
      this.host.signalling.request({ t: 'unpublish', streamID: this.streamID }).catch(() => undefined);
    this.end(0, '');
  }

  /** Ends here: with code 0 players are told to stop; otherwise the room is gone anyway. */
  end(code: number, msg: string): void {
    if (this.#done) return;
    this.#done = true;
    for (const [user, link] of this.#peers) {
      if (code === 0) this.host.signalling.signal(user, this.streamID, { type: 'stop' });
      link.close();
    }
    this.#peers.clear();
    this.state = 'NO_PUBLISH';
    this.host.ended(this);
    this.host.report(this, code, msg);
  }

  /** Negotiation from a player. */
  async onSignal(from: string, data: SignalData): Promise<void> {
    if (data.type === 'offer') return this.#answer(from, data.sdp);
    const link = this.#peers.get(from);
    // A player back from a reconnection asks whether its link is still up: `play` if ours is,
    // `stop` if not (we closed it while the player was away), so it negotiates a new one at once.
    if (data.type === 'play') {
      const up = link?.pc.connectionState === 'connected';
      return this.host.signalling.signal(from, this.streamID, { type: up ? 'play' : 'stop' });
    }
    if (!link) return;
    if (data.type === 'candidate') await link.addCandidate(data.candidate);
    else if (data.type === 'view') {
      // The player shows our video, or not: no video is sent to a player that does not show it.
      if (data.video) this.#unseen.delete(from);
      else this.#unseen.add(from);
      this.#send();
      // Shown small (a thumbnail): half the width and height, a quarter of the bitrate.
      if (!!data.small !== this.#small.has(from)) {
        if (data.small) this.#small.add(from);
        else this.#small.delete(from);
        await sendWith(link.pc, undefined, this.maxBitrate, data.small ? 2 : 1);
      }
    } else if (data.type === 'stop') {
      link.close();
      this.#peers.delete(from);
      this.#unseen.delete(from);
      this.#small.delete(from);
    }
  }

  /** Tells the room the camera/mic state, and puts the stream's live tracks in every link. */
  sync(): void {
    this.host.signalling.send({ t: 'media', streamID: this.streamID, ...deviceStatus(this.stream) });
    this.#send();
  }

  /** Puts the stream's live tracks in every link (no video to a player that does not show it). */
  #send(): void {
    const video = this.stream.getVideoTracks()[0];
    const audio = this.stream.getAudioTracks()[0];
    for (const [user, { pc }] of this.#peers) {
      for (const sender of pc.getSenders()) {
        const kind = sender.track?.kind ?? pc.getTransceivers().find((t) => t.sender === sender)?.receiver.track.kind;
        const track =
          kind === 'video' ? (this.#unseen.has(user) ? undefined : video) : kind === 'audio' ? audio : undefined;
        const live = track && track.readyState === 'live' ? track : null;
        if (sender.track !== live) void sender.replaceTrack(live).catch(() => undefined);
      }
    }
  }

  async #answer(from: string, sdp: string): Promise<void> {
    this.#peers.get(from)?.close();
    this.#peers.delete(from);
    let link: PeerLink | undefined;
    try {
      link = new PeerLink(this.host.rtc(), (candidate) =>
        this.host.signalling.signal(from, this.streamID, { type: 'candidate', candidate }),
      );
      this.#peers.set(from, link);
      await link.pc.setRemoteDescription({ type: 'offer', sdp });
      for (const t of link.pc.getTransceivers()) {
        const kind = t.receiver.track.kind;
        const track =
          (kind !== 'video' || !this.#unseen.has(from)
            ? this.stream.getTracks().find((tr) => tr.kind === kind && tr.readyState === 'live')
            : undefined) ?? null;
        t.direction = 'sendonly';
        await t.sender.replaceTrack(track);
        if (kind === 'video' && this.videoCodec) prefer(t, this.videoCodec);
      }
      const answer = await link.pc.createAnswer();
      await link.pc.setLocalDescription(answer);
      await sendWith(link.pc, this.videoCodec, this.maxBitrate, this.#small.has(from) ? 2 : 1, true);
      await link.ready();
      if (this.#peers.get(from) === link)
        this.host.signalling.signal(from, this.streamID, { type: 'answer', sdp: answer.sdp ?? '' });
    } catch (err) {
      if (!link) {
        // No connection can be made at all (a browser without WebRTC): said once, as ZEGO says it.
        this.end(BROWSER_UNSUPPORTED, `cannot connect to players: ${messageOf(err)}`);
        return;
      }
      // This player's negotiation failed (it left, say): it asks again if it still wants the stream.
      link.close();
      if (this.#peers.get(from) === link) this.#peers.delete(from);
    }
  }
}

/**
 * Leaves `codec` the only video codec the transceiver answers with (its retransmission and
 * error-correction formats stay): the player's offer lists its own order first, so a codec merely
 * put first in the answer would not be the one sent. A browser without it keeps its own list.
 */
function prefer(t: RTCRtpTransceiver, codec: string): void {
  for (const side of [globalThis.RTCRtpReceiver, globalThis.RTCRtpSender]) {
    const all = side?.getCapabilities?.('video')?.codecs ?? [];
    const wanted = all.filter((c) => c.mimeType.toLowerCase() === `video/${codec.toLowerCase()}`);
    if (!wanted.length || typeof t.setCodecPreferences !== 'function') continue;
    try {
      // Chromium checks the list against what it can receive, the specification against what it can send.
      const helpers = all.filter((c) => /\/(rtx|red|ulpfec|flexfec-03)$/i.test(c.mimeType));
      t.setCodecPreferences([...wanted, ...helpers]);
      return;
    } catch {
      // Try the other list; a browser that refuses both negotiates as it would anyway.
    }
  }
}

/** The most a video shown small (a thumbnail) is sent at, kbps. */
const SMALL_KBPS = 150;

/**
 * Sends video in `codec` (`RTCRtpEncodingParameters.codec`), scaled down by `scale` (2: half the
 * width and height, for a player that shows it small, at most a quarter of `kbps` and 150 kbps) and
 * at most `kbps`: Chromium sends in the first codec of the player's offer whatever the answer
 * prefers, so the sender is told. Without the API (or the codec) the answer's preference is all there is.
 */
async function sendWith(
  pc: RTCPeerConnection,
  codec: string | undefined,
  kbps: number | undefined,
  scale: number,
  fresh = false,
): Promise<void> {
  // A new link sends in the negotiated codec, whole, at no set bitrate: nothing to tell it then.
  if (fresh && !codec && !kbps && scale === 1) return;
  for (const t of pc.getTransceivers()) {
    // The video sender, also while it sends nothing (a player that does not show it).
    const sender = t.sender;
    if (t.receiver.track.kind !== 'video') continue;
    const params = sender.getParameters() as RTCRtpSendParameters & { codecs?: RTCRtpCodecParameters[] };
    const chosen = params.codecs?.find((c) => c.mimeType.toLowerCase() === `video/${codec?.toLowerCase()}`);
    const encoding = params.encodings?.[0] as (RTCRtpEncodingParameters & { codec?: unknown }) | undefined;
    if (!encoding) continue;
    if (chosen) encoding.codec = chosen;
    encoding.scaleResolutionDownBy = scale;
    // Smaller, it is also capped: without a cap the encoder spends on the smaller picture what it
    // spent on the whole one.
    const cap = scale > 1 ? Math.min((kbps ?? Infinity) / (scale * scale), SMALL_KBPS) : kbps;
    if (cap) encoding.maxBitrate = cap * 1000;
    else delete encoding.maxBitrate;
    await sender.setParameters(params).catch(() => undefined);
  }
}
