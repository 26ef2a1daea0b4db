/**
 * The local side: streams captured by `createStream`, switching and re-opening their devices,
 * and the devices the browser has.
 */
import type {
  ZegoDeviceInfo,
  ZegoDeviceInfos,
  ZegoLocalStreamConfig,
  ZegoPublishStreamAudioConfig,
} from '../core/engine.js';
import { ZegoError } from '../core/errors.js';
import { PARAM_INVALID } from '../core/codes.js';
import { bitrateOf, captureStream, mapMediaError } from './media.js';

const notAStream = () => new ZegoError(PARAM_INVALID, 'not a MediaStream');

export class LocalDevices {
  /** Live local streams made by `create` and not yet destroyed. */
  readonly streams = new Set<MediaStream>();
  /** The camera a stream had when its camera was turned off, to turn the same one on again. */
  readonly #cameras = new WeakMap<MediaStream, string>();
  /** The most each stream's video may send, kbps (its preset's or its config's). */
  readonly bitrates = new WeakMap<MediaStream, number>();
  /** Each stream's microphone processing, as captured or last set (a new microphone keeps it). */
  readonly #processing = new WeakMap<MediaStream, ZegoPublishStreamAudioConfig>();

  /** @param screenEnded called when the user stops a screen share from the browser's own UI. */
  constructor(private readonly screenEnded: (stream: MediaStream) => void) {}

  async create(source: ZegoLocalStreamConfig): Promise<MediaStream> {
    const stream = await captureStream(source);
    this.adopt(stream, bitrateOf(source));
    const { ANS, AGC, AEC } = source.camera ?? {};
    this.#processing.set(stream, { ANS, AGC, AEC });
    const screenTrack = source.screen ? stream.getVideoTracks()[0] : undefined;
    screenTrack?.addEventListener('ended', () => this.screenEnded(stream), { once: true });
    return stream;
  }

  /** Keeps `stream` as a local stream of the engine (destroyed with it). */
  adopt(stream: MediaStream, bitrate?: number): void {
    this.streams.add(stream);
    if (bitrate) this.bitrates.set(stream, bitrate);
  }

  /** Stops every track of the stream and forgets it. */
  destroy(stream: MediaStream): void {
    for (const t of stream.getTracks()) t.stop();
    this.streams.delete(stream);
  }

  /** Replaces the stream's camera or microphone track with one from another device. */
  async use(kind: 'video' | 'audio', stream: MediaStream, deviceID: string): Promise<void> {
    if (!(stream instanceof MediaStream)) throw notAStream();
    const old = kind === 'video' ? stream.getVideoTracks()[0] : stream.getAudioTracks()[0];
    const track = await open(kind, deviceID, kind === 'audio' ? this.#processing.get(stream) : undefined);
    if (old) {
      track.enabled = old.enabled;
      old.stop();
      stream.removeTrack(old);
    }
    stream.addTrack(track);
  }

  /**
   * Changes the microphone's processing (what `config` names; the rest stays). Browsers do not
   * change it on a live track (Chromium accepts the constraints and keeps processing), and a second
   * capture of a microphone shares the first one's processing: the microphone is let go, then
   * opened again with it (muted stays muted). If it cannot be, it is opened as it was.
   */
  async setAudioConfig(stream: MediaStream, config: ZegoPublishStreamAudioConfig): Promise<void> {
    if (!(stream instanceof MediaStream)) throw notAStream();
    const was = this.#processing.get(stream);
    const { ANS, AGC, AEC } = { ...was, ...config };
    this.#processing.set(stream, { ANS, AGC, AEC });
    const old = stream.getAudioTracks()[0];
    if (!old) return;
    const device = old.getSettings().deviceId;
    old.stop();
    stream.removeTrack(old);
    let track: MediaStreamTrack | undefined;
    let failure: unknown;
    try {
      track = await open('audio', device, { ANS, AGC, AEC });
    } catch (err) {
      failure = err;
      this.#processing.set(stream, was ?? {});
      track = await open('audio', device, was).catch(() => undefined);
    }
    if (track) {
      track.enabled = old.enabled;
      stream.addTrack(track);
    }
    if (failure) throw failure;
  }

  /** Turns the camera off (the track stops: the light goes out) or on again (the same device). */
  async enableCamera(stream: MediaStream, enable: boolean): Promise<void> {
    if (!(stream instanceof MediaStream)) throw notAStream();
    const current = stream.getVideoTracks()[0];
    if (!enable) {
      if (current) {
        current.stop();
        stream.removeTrack(current);
        this.#cameras.set(stream, current.getSettings().deviceId ?? '');
      }
    } else if (!current || current.readyState !== 'live') {
      const track = await open('video', this.#cameras.get(stream));
      if (current) stream.removeTrack(current);
      stream.addTrack(track);
    }
  }
}

async function open(
  kind: 'video' | 'audio',
  deviceId?: string,
  { ANS, AGC, AEC }: ZegoPublishStreamAudioConfig = {},
): Promise<MediaStreamTrack> {
  const device = deviceId ? { deviceId: { exact: deviceId } } : {};
  try {
    const s = await navigator.mediaDevices.getUserMedia(
      kind === 'video'
        ? { video: deviceId ? device : true }
        : {
            audio: {
              ...device,
              noiseSuppression: ANS ?? true,
              autoGainControl: AGC ?? true,
              echoCancellation: AEC ?? true,
            },
          },
    );
    return s.getTracks()[0] as MediaStreamTrack;
  } catch (err) {
    throw mapMediaError(err);
  }
}

/** Plays a media element's sound on another output device, where the browser can. */
export async function useAudioOutputDevice(media: HTMLMediaElement, deviceID: string): Promise<boolean> {
  const el = media as HTMLMediaElement & { setSinkId?: (id: string) => Promise<void> };
  if (typeof el.setSinkId !== 'function')
    throw new ZegoError(PARAM_INVALID, 'this browser cannot choose the audio output device');
  await el.setSinkId(deviceID);
  return true;
}

/** Cameras, microphones and speakers, as ZEGO lists them. */
export async function enumDevices(): Promise<ZegoDeviceInfos> {
  const out: ZegoDeviceInfos = { microphones: [], speakers: [], cameras: [] };
  if (!globalThis.navigator?.mediaDevices?.enumerateDevices) return out;
  for (const d of await navigator.mediaDevices.enumerateDevices()) {
    const info: ZegoDeviceInfo = { deviceName: d.label, deviceID: d.deviceId };
    if (d.kind === 'audioinput') out.microphones.push(info);
    else if (d.kind === 'audiooutput') out.speakers.push(info);
    else if (d.kind === 'videoinput') out.cameras.push(info);
  }
  return out;
}
