/** Quality and sound levels from `RTCPeerConnection.getStats()` and Web Audio, in ZEGO's shapes. */
import type { ZegoPlayStats, ZegoPublishStats } from '../core/engine.js';

type Report = Record<string, unknown> & { type: string; kind?: string; timestamp: number };
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

async function reports(pc: RTCPeerConnection): Promise<Map<string, Report>> {
  const out = new Map<string, Report>();
  if (pc.connectionState !== 'closed') {
    try {
      (await pc.getStats()).forEach((r: Report) => out.set(r.id as string, r));
    } catch {
      // A connection closing meanwhile has nothing to say.
    }
  }
  return out;
}

/**
 * ZEGO's quality grade from loss (0..1) and round trip (ms): 0 excellent, 1 good, 2 middle,
 * 3 poor, 4 die (nothing flows); -1 unknown.
 */
export function qualityGrade(loss: number, rtt: number, flowing: boolean): number {
  if (!flowing) return 4;
  if (loss < 0.01 && rtt < 100) return 0;
  if (loss < 0.03 && rtt < 200) return 1;
  if (loss < 0.08 && rtt < 400) return 2;
  return 3;
}

/** Linear audio level 0..1 → ZEGO's 0..100 sound level (-60 dBFS → 0, 0 dBFS → 100). */
export const toSoundLevel = (linear: number): number =>
  linear <= 0.001 ? 0 : Math.max(0, Math.min(100, Math.round(((20 * Math.log10(linear) + 60) / 60) * 100)));

/** `video/H264` → `H264`, from the codec report a media report points at. */
const codecOf = (byId: Map<string, Report>, r: Report): string =>
  String(byId.get(r.codecId as string)?.mimeType ?? '').split('/')[1] ?? '';

/** ZEGO's `muteState`: '1' when the track is off (disabled, ended or receiving nothing) or missing. */
const muteState = (t: MediaStreamTrack | undefined): '0' | '1' =>
  t?.enabled && t.readyState === 'live' && !t.muted ? '0' : '1';

/** Rates over less than this are not reported, ms. */
const MIN_WINDOW_MS = 400;

/**
 * Turns counters into rates between two calls. One meter per publication or playback. Until a
 * connection has been measured twice its rates are unknown, and so is its quality (-1): a first
 * report never says "no connection" for media that is flowing. Call it once when the media starts
 * (`PLAYING`), so the first report already has real rates.
 */
export class QualityMeter {
  readonly #last = new Map<string, { bytes: number; time: number }>();
  readonly #ids = new WeakMap<RTCPeerConnection, number>();
  #nextId = 0;

  /** kbps since the last call for `key`, or `undefined` when there is no earlier sample to compare. */
  #rate(key: string, bytes: number, time: number): number | undefined {
    const prev = this.#last.get(key);
    // Too short a window says nothing yet (packets come in bursts): keep the earlier sample.
    if (prev && time > prev.time && time - prev.time < MIN_WINDOW_MS) return undefined;
    this.#last.set(key, { bytes, time });
    if (!prev || time <= prev.time || bytes < prev.bytes) return undefined;
    return ((bytes - prev.bytes) * 8) / (time - prev.time); // bits per ms = kbps
  }

  /** A key per connection that survives others coming and going. */
  #idOf(pc: RTCPeerConnection): number {
    let id = this.#ids.get(pc);
    if (id === undefined) this.#ids.set(pc, (id = this.#nextId++));
    return id;
  }

  async publish(stream: MediaStream, pcs: RTCPeerConnection[]): Promise<ZegoPublishStats> {
    const settings = stream.getVideoTracks()[0]?.getSettings() ?? {};
    let vBitrate = 0;
    let aBitrate = 0;
    let fps = 0;
    let aFps = 0;
    let width = num(settings.width);
    let height = num(settings.height);
    const lostOf = { video: 0, audio: 0 };
    const codec = { video: '', audio: '' };
    let sent = 0;
    let rtt = 0;
    let peers = 0;
    let measured = false;
    for (const pc of pcs) {
      const rs = await reports(pc);
      if (!rs.size) continue;
      peers++;
      for (const r of rs.values()) {
        const kind = r.kind === 'video' ? 'video' : 'audio';
        if (r.type === 'outbound-rtp') {
          const key = `${this.#idOf(pc)}:${kind}`;
          const rate = this.#rate(key, num(r.bytesSent), r.timestamp);
          measured ||= rate !== undefined;
          const kbps = rate ?? 0;
          codec[kind] ||= codecOf(rs, r);
          if (kind === 'video') {
            vBitrate += kbps;
            fps = Math.max(fps, num(r.framesPerSecond));
            width = num(r.frameWidth) || width;
            height = num(r.frameHeight) || height;
          } else {
            aBitrate += kbps;
            aFps = Math.max(aFps, this.#perSecond(`${key}:packets`, num(r.packetsSent), r.timestamp));
          }
          sent += num(r.packetsSent);
        } else if (r.type === 'remote-inbound-rtp') {
          lostOf[kind] += Math.max(0, num(r.packetsLost));
          rtt = Math.max(rtt, num(r.roundTripTime) * 1000);
        }
      }
    }
    const lost = lostOf.video + lostOf.audio;
    const loss = sent > 0 ? lost / (sent + lost) : 0;
    const grade = peers && measured ? qualityGrade(loss, rtt, vBitrate + aBitrate > 0) : -1;
    return {
      video: {
        videoBitrate: peers ? vBitrate / peers : 0,
        videoFPS: fps || num(settings.frameRate),
        videoTransferFPS: fps,
        frameWidth: width,
        frameHeight: height,
        videoPacketsLost: lostOf.video,
        videoPacketsLostRate: loss,
        videoQuality: grade,
        googCodecName: codec.video,
        muteState: muteState(stream.getVideoTracks()[0]),
      },
      audio: {
        audioBitrate: peers ? aBitrate / peers : 0,
        audioCodec: codec.audio,
        googCodecName: codec.audio,
        audioFPS: aFps,
        audioPacketsLost: lostOf.audio,
        audioPacketsLostRate: loss,
        audioQuality: grade,
        muteState: muteState(stream.getAudioTracks()[0]),
      },
    };
  }

  /** Events per second of a counter since the last call for `key` (0 until there is one). */
  #perSecond(key: string, count: number, time: number): number {
    return ((this.#rate(key, count, time) ?? 0) * 1000) / 8;
  }

  async play(pc: RTCPeerConnection, remote?: MediaStream): Promise<ZegoPlayStats> {
    const stats: ZegoPlayStats = {
      video: {
        videoBitrate: 0,
        videoFPS: 0,
        videoRenderFPS: 0,
        videoTransferFPS: 0,
        frameWidth: 0,
        frameHeight: 0,
        videoPacketsLost: 0,
        videoPacketsLostRate: 0,
        videoQuality: -1,
        videoFramesDecoded: 0,
        videoFramesDropped: 0,
        videoCumulativeDecodeTime: 0,
        videoCumulativeBreakTime: 0,
        videoCumulativeBreakRate: 0,
        googCodecName: '',
        muteState: muteState(remote?.getVideoTracks()[0]),
      },
      audio: {
        audioBitrate: 0,
        audioCodec: '',
        googCodecName: '',
        audioFPS: 0,
        audioLevel: 0,
        audioSamplingRate: 0,
        audioPacketsLost: 0,
        audioPacketsLostRate: 0,
        audioQuality: -1,
        audioJitter: 0,
        audioCumulativeDecodeTime: 0,
        audioCumulativeBreakTime: 0,
        audioCumulativeBreakRate: 0,
        muteState: muteState(remote?.getAudioTracks()[0]),
      },
      peerToPeerDelay: undefined,
      peerToPeerPacketLostRate: undefined,
    };
    let lost = 0;
    let received = 0;
    const known = { video: false, audio: false };
    const rs = await reports(pc);
    for (const r of rs.values()) {
      if (r.type === 'inbound-rtp') {
        const key = `${this.#idOf(pc)}:${String(r.kind)}`;
        const bitrate = this.#rate(key, num(r.bytesReceived), r.timestamp);
        if (r.kind === 'video' || r.kind === 'audio') known[r.kind] = bitrate !== undefined;
        const kbps = bitrate ?? 0;
        const l = Math.max(0, num(r.packetsLost));
        const n = num(r.packetsReceived);
        const rate = n + l > 0 ? l / (n + l) : 0;
        const codec = codecOf(rs, r);
        lost += l;
        received += n;
        if (r.kind === 'video') {
          const fps = num(r.framesPerSecond);
          // Freezes against the time frames were shown (the sum of the gaps between them).
          const freezes = num(r.totalFreezesDuration);
          Object.assign(stats.video, {
            videoBitrate: kbps,
            videoFPS: fps,
            videoRenderFPS: fps,
            videoTransferFPS: fps,
            frameWidth: num(r.frameWidth),
            frameHeight: num(r.frameHeight),
            videoPacketsLost: l,
            videoPacketsLostRate: rate,
            videoFramesDecoded: num(r.framesDecoded),
            videoFramesDropped: num(r.framesDropped),
            videoCumulativeDecodeTime: num(r.totalDecodeTime) * 1000,
            videoCumulativeBreakTime: freezes * 1000,
            videoCumulativeBreakRate: Math.min(1, freezes / (num(r.totalInterFrameDelay) || Infinity)),
            googCodecName: codec,
          });
        } else if (r.kind === 'audio') {
          const concealed = num(r.concealedSamples) - num(r.silentConcealedSamples);
          const samples = num(r.totalSamplesReceived);
          const clock = num(rs.get(r.codecId as string)?.clockRate);
          Object.assign(stats.audio, {
            audioBitrate: kbps,
            audioCodec: codec,
            googCodecName: codec,
            audioFPS: this.#perSecond(`${key}:packets`, n, r.timestamp),
            audioLevel: toSoundLevel(num(r.audioLevel)),
            audioSamplingRate: clock,
            audioPacketsLost: l,
            audioPacketsLostRate: rate,
            audioJitter: num(r.jitter) * 1000,
            audioCumulativeDecodeTime: num(r.totalSamplesDuration) * 1000,
            audioCumulativeBreakTime: clock ? (Math.max(0, concealed) / clock) * 1000 : 0,
            audioCumulativeBreakRate: samples ? Math.max(0, concealed) / samples : 0,
          });
        }
      } else if (r.type === 'candidate-pair' && r.nominated && r.state === 'succeeded') {
        stats.peerToPeerDelay = num(r.currentRoundTripTime) * 1000;
      }
    }
    if (received + lost > 0) stats.peerToPeerPacketLostRate = lost / (received + lost);
    const rtt = stats.peerToPeerDelay ?? 0;
    if (known.video)
      stats.video.videoQuality = qualityGrade(stats.video.videoPacketsLostRate, rtt, stats.video.videoBitrate > 0);
    if (known.audio)
      stats.audio.audioQuality = qualityGrade(stats.audio.audioPacketsLostRate, rtt, stats.audio.audioBitrate > 0);
    return stats;
  }
}

/** The sound level (0..100) of what a peer connection receives. */
export async function soundLevelOf(pc: RTCPeerConnection): Promise<number> {
  for (const r of (await reports(pc)).values()) {
    if (r.type === 'inbound-rtp' && r.kind === 'audio') return toSoundLevel(num(r.audioLevel));
  }
  return 0;
}

/** Sound levels of local tracks through one AudioContext; `close()` releases it. */
export class LocalLevels {
  #ctx: AudioContext | undefined;
  readonly #meters = new Map<MediaStreamTrack, { source: MediaStreamAudioSourceNode; analyser: AnalyserNode }>();
  /**
   * The last 32,768 samples (0.68 s at 48 kHz): at least the whole interval between two readings
   * (500 ms or more), so a short sound between them is heard, not missed.
   */
  readonly #buf = new Float32Array(32768);

  /** Level 0..100 of the stream's live audio track (0 when muted or none). */
  level(stream: MediaStream): number {
    const track = stream.getAudioTracks().find((t) => t.readyState === 'live');
    if (!track || !track.enabled || typeof AudioContext !== 'function') return 0;
    let m = this.#meters.get(track);
    if (!m) {
      this.#ctx ??= new AudioContext();
      const source = this.#ctx.createMediaStreamSource(new MediaStream([track]));
      const analyser = this.#ctx.createAnalyser();
      analyser.fftSize = this.#buf.length;
      source.connect(analyser);
      this.#meters.set(track, (m = { source, analyser }));
    }
    for (const [t, old] of this.#meters) {
      if (t.readyState === 'ended') {
        old.source.disconnect();
        this.#meters.delete(t);
      }
    }
    m.analyser.getFloatTimeDomainData(this.#buf);
    // The loudest 21 ms (1,024 samples) since the last reading, as ZEGO's level follows the voice.
    let loudest = 0;
    for (let i = 0; i < this.#buf.length; i += 1024) {
      let sum = 0;
      for (let j = i; j < i + 1024; j++) sum += this.#buf[j]! * this.#buf[j]!;
      loudest = Math.max(loudest, sum);
    }
    return toSoundLevel(Math.sqrt(loudest / 1024) * Math.SQRT2);
  }

  close(): void {
    for (const m of this.#meters.values()) m.source.disconnect();
    this.#meters.clear();
    void this.#ctx?.close().catch(() => undefined);
    this.#ctx = undefined;
  }
}
