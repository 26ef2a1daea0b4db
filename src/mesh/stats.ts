/** Quality and sound levels from `RTCPeerConnection.getStats()` and Web Audio, in ZEGO's shapes. */
import type { ZegoPlayStats, ZegoPublishStats } from '../core/engine.js';

type Report = Record<string, unknown> & { type: string; kind?: string; timestamp: number };
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

async function reports(pc: RTCPeerConnection): Promise<Report[]> {
  if (pc.connectionState === 'closed') return [];
  try {
    const out: Report[] = [];
    (await pc.getStats()).forEach((r: Report) => out.push(r));
    return out;
  } catch {
    return [];
  }
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

/** Rates over less than this are not reported, ms. */
const MIN_WINDOW_MS = 400;

/**
 * Turns counters into rates between two calls. One meter per publication or playback. Until a
 * connection has been measured twice its rates are unknown, and so is its quality (-1): a first
 * report never says "no connection" for media that is flowing. Call it once when the media starts
 * (`PLAYING`), so the first report already has real rates.
 */
export class QualityMeter {
  private readonly last = new Map<string, { bytes: number; time: number }>();
  private readonly ids = new WeakMap<RTCPeerConnection, number>();
  private nextId = 0;

  /** kbps since the last call for `key`, or `undefined` when there is no earlier sample to compare. */
  private rate(key: string, bytes: number, time: number): number | undefined {
    const prev = this.last.get(key);
    // Too short a window says nothing yet (packets come in bursts): keep the earlier sample.
    if (prev && time > prev.time && time - prev.time < MIN_WINDOW_MS) return undefined;
    this.last.set(key, { bytes, time });
    if (!prev || time <= prev.time || bytes < prev.bytes) return undefined;
    return ((bytes - prev.bytes) * 8) / (time - prev.time); // bits per ms = kbps
  }

  /** A key per connection that survives others coming and going. */
  private idOf(pc: RTCPeerConnection): number {
    let id = this.ids.get(pc);
    if (id === undefined) this.ids.set(pc, (id = this.nextId++));
    return id;
  }

  async publish(stream: MediaStream, pcs: RTCPeerConnection[]): Promise<ZegoPublishStats> {
    const settings = stream.getVideoTracks()[0]?.getSettings() ?? {};
    let vBitrate = 0;
    let aBitrate = 0;
    let fps = 0;
    let width = num(settings.width);
    let height = num(settings.height);
    let lost = 0;
    let sent = 0;
    let rtt = 0;
    let peers = 0;
    let measured = false;
    for (const pc of pcs) {
      const rs = await reports(pc);
      if (!rs.length) continue;
      peers++;
      for (const r of rs) {
        if (r.type === 'outbound-rtp') {
          const rate = this.rate(`${this.idOf(pc)}:${r.kind}`, num(r.bytesSent), r.timestamp);
          measured ||= rate !== undefined;
          const kbps = rate ?? 0;
          if (r.kind === 'video') {
            vBitrate += kbps;
            fps = Math.max(fps, num(r.framesPerSecond));
            width = num(r.frameWidth) || width;
            height = num(r.frameHeight) || height;
          } else aBitrate += kbps;
          sent += num(r.packetsSent);
        } else if (r.type === 'remote-inbound-rtp') {
          lost += Math.max(0, num(r.packetsLost));
          rtt = Math.max(rtt, num(r.roundTripTime) * 1000);
        }
      }
    }
    const loss = sent > 0 ? lost / (sent + lost) : 0;
    const grade = peers && measured ? qualityGrade(loss, rtt, vBitrate + aBitrate > 0) : -1;
    return {
      video: {
        videoBitrate: peers ? vBitrate / peers : 0,
        videoFPS: fps || num(settings.frameRate),
        frameWidth: width,
        frameHeight: height,
        videoPacketsLostRate: loss,
        videoQuality: grade,
      },
      audio: { audioBitrate: peers ? aBitrate / peers : 0, audioPacketsLostRate: loss, audioQuality: grade },
    };
  }

  async play(pc: RTCPeerConnection): Promise<ZegoPlayStats> {
    const stats: ZegoPlayStats = {
      video: {
        videoBitrate: 0,
        videoFPS: 0,
        frameWidth: 0,
        frameHeight: 0,
        videoPacketsLostRate: 0,
        videoQuality: -1,
        videoFramesDecoded: 0,
        videoFramesDropped: 0,
      },
      audio: { audioBitrate: 0, audioPacketsLostRate: 0, audioQuality: -1, audioJitter: 0 },
      peerToPeerDelay: undefined,
      peerToPeerPacketLostRate: undefined,
    };
    let lost = 0;
    let received = 0;
    const known = { video: false, audio: false };
    for (const r of await reports(pc)) {
      if (r.type === 'inbound-rtp') {
        const bitrate = this.rate(`${this.idOf(pc)}:${String(r.kind)}`, num(r.bytesReceived), r.timestamp);
        if (r.kind === 'video' || r.kind === 'audio') known[r.kind] = bitrate !== undefined;
        const kbps = bitrate ?? 0;
        const l = Math.max(0, num(r.packetsLost));
        const n = num(r.packetsReceived);
        const rate = n + l > 0 ? l / (n + l) : 0;
        lost += l;
        received += n;
        if (r.kind === 'video') {
          Object.assign(stats.video, {
            videoBitrate: kbps,
            videoFPS: num(r.framesPerSecond),
            frameWidth: num(r.frameWidth),
            frameHeight: num(r.frameHeight),
            videoPacketsLostRate: rate,
            videoFramesDecoded: num(r.framesDecoded),
            videoFramesDropped: num(r.framesDropped),
          });
        } else if (r.kind === 'audio') {
          Object.assign(stats.audio, {
            audioBitrate: kbps,
            audioPacketsLostRate: rate,
            audioJitter: num(r.jitter) * 1000,
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
  for (const r of await reports(pc)) {
    if (r.type === 'inbound-rtp' && r.kind === 'audio') return toSoundLevel(num(r.audioLevel));
  }
  return 0;
}

/** Sound levels of local tracks through one AudioContext; `close()` releases it. */
export class LocalLevels {
  private ctx: AudioContext | undefined;
  private readonly meters = new Map<MediaStreamTrack, { source: MediaStreamAudioSourceNode; analyser: AnalyserNode }>();
  private readonly buf = new Float32Array(1024);

  /** Level 0..100 of the stream's live audio track (0 when muted or none). */
  level(stream: MediaStream): number {
    const track = stream.getAudioTracks().find((t) => t.readyState === 'live');
    if (!track || !track.enabled || typeof AudioContext !== 'function') return 0;
    let m = this.meters.get(track);
    if (!m) {
      this.ctx ??= new AudioContext();
      const source = this.ctx.createMediaStreamSource(new MediaStream([track]));
      const analyser = this.ctx.createAnalyser();
      analyser.fftSize = this.buf.length;
      source.connect(analyser);
      this.meters.set(track, (m = { source, analyser }));
    }
    for (const [t, old] of this.meters) {
      if (t.readyState === 'ended') {
        old.source.disconnect();
        this.meters.delete(t);
      }
    }
    m.analyser.getFloatTimeDomainData(this.buf);
    let sum = 0;
    for (const v of this.buf) sum += v * v;
    return toSoundLevel(Math.sqrt(sum / this.buf.length) * Math.SQRT2);
  }

  close(): void {
    for (const m of this.meters.values()) m.source.disconnect();
    this.meters.clear();
    void this.ctx?.close().catch(() => undefined);
    this.ctx = undefined;
  }
}
