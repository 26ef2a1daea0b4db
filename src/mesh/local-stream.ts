/**
 * `MeshLocalStream`: what the mesh engine's `createZegoStream` resolves with — ZEGO's 3.x
 * `ZegoLocalStream` (`.stream`, capture by source, `playVideo`, `playAudio`, …), accepted wherever
 * the engine takes a local `MediaStream`. Loaded on the first `createZegoStream` call: apps that
 * use `createStream` (the kit's elements) never download it.
 */
import type { ZegoLocalStreamConfig, ZegoServerResponse } from '../core/engine.js';
import { StreamPlayer, type ZegoViewEvents, type ZegoViewOptions } from './stream-view.js';

type Constraint = number | { ideal?: number; min?: number; max?: number; exact?: number };

/** `ZegoCaptureCamera`. */
export interface ZegoCaptureCamera {
  input?: string;
  quality?: 1 | 2 | 3 | 4;
  facingMode?: 'user' | 'environment';
  width?: Constraint;
  height?: Constraint;
  frameRate?: Constraint;
  optimizationMode?: 'default' | 'motion' | 'detail';
  keyFrameInterval?: number;
}

/** `ZegoCaptureMicrophone`. */
export interface ZegoCaptureMicrophone {
  input?: string;
  channelCount?: 1 | 2;
  /** Noise suppression, gain control, echo cancellation: on unless false. */
  ANS?: boolean;
  AGC?: boolean;
  AEC?: boolean;
}

/** `ZegoCaptureScreenVideo`. */
export interface ZegoCaptureScreenVideo {
  quality?: 1 | 2 | 3 | 4;
  width?: Constraint;
  height?: Constraint;
  frameRate?: Constraint;
  optimizationMode?: 'default' | 'motion' | 'detail';
  sourceID?: string;
  keyFrameInterval?: number;
  captureElement?: HTMLElement;
}

/** `ZegoCaptureScreenAudio`. */
export interface ZegoCaptureScreenAudio {
  ANS?: boolean;
  AGC?: boolean;
  AEC?: boolean;
}

/** `ZegoCustomVideo` / `ZegoCustomAudio`: a `<video>`/`<audio>` element or a `MediaStream`. */
export interface ZegoCustomSource {
  source: HTMLMediaElement | MediaStream;
  channelCount?: 1 | 2;
  optimizationMode?: 'default' | 'motion' | 'detail';
  keyFrameInterval?: number;
}

/** `ZegoStreamOptions` of `createZegoStream`. */
export interface ZegoStreamOptions {
  /** Capture at once (default) or only when a `startCapture…` method is called. */
  autoCapture?: boolean;
  /** With `view`, play the picture there as soon as it is captured. */
  autoPlay?: boolean;
  view?: HTMLElement;
  captureView?: HTMLElement;
  multiplacePreview?: boolean;
  /** Video bitrate, kbps (the mesh engine caps what it sends at this). */
  videoBitrate?: number | { bitrate?: number; startBitrate?: 'default' | 'target'; minBitrate?: number };
  audioBitrate?: number;
  camera?: { video?: boolean | ZegoCaptureCamera; audio?: boolean | ZegoCaptureMicrophone };
  screen?: { video?: boolean | ZegoCaptureScreenVideo; audio?: boolean | ZegoCaptureScreenAudio };
  custom?: { video?: ZegoCustomSource; audio?: ZegoCustomSource };
}

/** `ZegoLocalStreamEvent`. */
export interface ZegoLocalStreamEvents extends ZegoViewEvents {
  canPlayCaptureVideo: (e: Event) => void;
  canPlayCaptureAudio: (e: Event) => void;
  autoplayCaptureFailed: (player: HTMLMediaElement, e?: unknown) => void;
  videoTrackChanged: (videoTrack: MediaStreamTrack) => void;
  audioTrackChanged: (audioTrack: MediaStreamTrack) => void;
  captureVideoTrackChanged: (videoTrack: MediaStreamTrack) => void;
  captureAudioTrackChanged: (audioTrack: MediaStreamTrack) => void;
}

/** What a local stream needs from its engine. */
export interface LocalStreamHost {
  /** Captures as `createStream` does (ZEGO's error codes on failure). */
  capture(config: ZegoLocalStreamConfig): Promise<MediaStream>;
  /** The engine owns `stream` from now on (a publication of it follows its tracks; destroyed with the engine). */
  adopt(stream: MediaStream, bitrate?: number): void;
  /** The stream's tracks changed. */
  changed(stream: MediaStream): void;
}

type Kind = 'video' | 'audio';
const OK: ZegoServerResponse = { errorCode: 0, extendedData: '' };
let count = 0;

const opt = <T extends object>(v: boolean | T | undefined): T | undefined => (typeof v === 'object' ? v : undefined);

const camera = (c: ZegoCaptureCamera = {}) => ({
  videoInput: c.input,
  videoQuality: c.quality,
  facingMode: c.facingMode,
  width: c.width,
  height: c.height,
  frameRate: c.frameRate,
});

const microphone = (m: ZegoCaptureMicrophone = {}) => ({
  audioInput: m.input,
  channelCount: m.channelCount,
  ANS: m.ANS,
  AGC: m.AGC,
  AEC: m.AEC,
});

const screen = (v: ZegoCaptureScreenVideo = {}) => ({
  videoQuality: v.quality,
  width: v.width,
  height: v.height,
  frameRate: v.frameRate,
});

/** The capture `options` asks for at creation, as `createStream` configs (video and audio together when both come from one source). */
export function initialCapture(options: ZegoStreamOptions): ZegoLocalStreamConfig | undefined {
  if (options.autoCapture === false) return undefined;
  const { screen: s, custom: c } = options;
  if (s) {
    return { screen: { ...screen(opt(s.video)), audio: !!s.audio } } as ZegoLocalStreamConfig;
  }
  if (c?.video || c?.audio) return { custom: { source: (c.video ?? c.audio)!.source } };
  const cam = options.camera ?? {};
  const video = cam.video ?? true;
  const audio = cam.audio ?? true;
  return {
    camera: { video: !!video, audio: !!audio, ...camera(opt(video)), ...microphone(opt(audio)) },
  } as ZegoLocalStreamConfig;
}

/** `videoBitrate` as a number of kbps, if given. */
export const bitrateOf = (options: ZegoStreamOptions): number | undefined =>
  typeof options.videoBitrate === 'number' ? options.videoBitrate : options.videoBitrate?.bitrate;

/**
 * ZEGO's `ZegoLocalStream` on the mesh engine. `stream`, `videoCaptureStream` and
 * `audioCaptureStream` are one `MediaStream` (ZEGO's SDK processes the captured one into another).
 */
export class MeshLocalStream extends StreamPlayer<ZegoLocalStreamEvents> {
  readonly id = `zego-stream-${Date.now().toString(16)}${(count++).toString(16)}`;
  /** ZEGO's SDK keeps its inner stream object here; the mesh engine has none. */
  zegoStream: unknown = undefined;
  #media: MediaStream | null;
  #destroyed = false;

  constructor(
    private readonly host: LocalStreamHost,
    stream: MediaStream | null,
    private readonly bitrate?: number,
  ) {
    super(() => this.#media);
    this.#media = stream;
    if (stream) host.adopt(stream, bitrate);
  }

  /** Has live media (false before any capture and after `destroyStream`). */
  get active(): boolean {
    return !!this.#media?.getTracks().some((t) => t.readyState === 'live');
  }

  get stream(): MediaStream | null {
    return this.#media;
  }

  get videoCaptureStream(): MediaStream | null {
    return this.#media;
  }

  get audioCaptureStream(): MediaStream | null {
    return this.#media;
  }

  getAudioTracks(): MediaStreamTrack[] {
    return this.#media?.getAudioTracks() ?? [];
  }

  getVideoTracks(): MediaStreamTrack[] {
    return this.#media?.getVideoTracks() ?? [];
  }

  getTracks(): MediaStreamTrack[] {
    return this.#media?.getTracks() ?? [];
  }

  get videoDeviceId(): string {
    return this.getVideoTracks()[0]?.getSettings().deviceId ?? '';
  }

  get audioDeviceId(): string {
    return this.getAudioTracks()[0]?.getSettings().deviceId ?? '';
  }

  // Capture, by source; each replaces the stream's track(s) of that kind.

  startCaptureCamera(options?: ZegoCaptureCamera): Promise<ZegoServerResponse> {
    return this.#capture(['video'], {
      camera: { video: true, audio: false, ...camera(options) },
    } as ZegoLocalStreamConfig);
  }

  startCaptureMicrophone(options?: ZegoCaptureMicrophone): Promise<ZegoServerResponse> {
    return this.#capture(['audio'], {
      camera: { video: false, audio: true, ...microphone(options) },
    } as ZegoLocalStreamConfig);
  }

  startCaptureCameraAndMicrophone(
    cameraOptions?: ZegoCaptureCamera,
    microphoneOptions?: ZegoCaptureMicrophone,
  ): Promise<ZegoServerResponse> {
    return this.#capture(['video', 'audio'], {
      camera: { video: true, audio: true, ...camera(cameraOptions), ...microphone(microphoneOptions) },
    } as ZegoLocalStreamConfig);
  }

  startCaptureScreen(options?: ZegoCaptureScreenVideo): Promise<ZegoServerResponse> {
    return this.#capture(['video'], { screen: screen(options) } as ZegoLocalStreamConfig);
  }

  startCaptureScreenWithAudio(
    screenVideoOptions?: ZegoCaptureScreenVideo,
    _screenAudioOptions?: ZegoCaptureScreenAudio,
  ): Promise<ZegoServerResponse> {
    return this.#capture(['video', 'audio'], {
      screen: { ...screen(screenVideoOptions), audio: true },
    } as ZegoLocalStreamConfig);
  }

  startCaptureCustomVideo(options: ZegoCustomSource): Promise<ZegoServerResponse> {
    return this.#capture(['video'], { custom: { source: options?.source } } as ZegoLocalStreamConfig);
  }

  startCaptureCustomAudio(options: ZegoCustomSource): Promise<ZegoServerResponse> {
    return this.#capture(['audio'], { custom: { source: options?.source } } as ZegoLocalStreamConfig);
  }

  async startCaptureCustomVideoAndAudio(
    videoOptions: ZegoCustomSource,
    audioOptions: ZegoCustomSource,
  ): Promise<ZegoServerResponse> {
    await this.startCaptureCustomVideo(videoOptions);
    return this.startCaptureCustomAudio(audioOptions);
  }

  /** Stops the camera or screen picture (the light goes out); the stream keeps its sound. */
  async stopCaptureVideo(): Promise<boolean> {
    return this.#drop('video');
  }

  async stopCaptureAudio(): Promise<boolean> {
    return this.#drop('audio');
  }

  async #capture(kinds: Kind[], config: ZegoLocalStreamConfig): Promise<ZegoServerResponse> {
    const captured = await this.host.capture(config);
    if (this.#destroyed) {
      for (const t of captured.getTracks()) t.stop();
      return OK;
    }
    const media = this.#media ?? new MediaStream();
    for (const kind of kinds) {
      const track = kind === 'video' ? captured.getVideoTracks()[0] : captured.getAudioTracks()[0];
      if (!track) continue;
      for (const old of kind === 'video' ? media.getVideoTracks() : media.getAudioTracks()) {
        old.stop();
        media.removeTrack(old);
      }
      media.addTrack(track);
    }
    // Tracks of a kind not asked for (a screen share's sound the browser added anyway) stop.
    for (const t of captured.getTracks()) if (!media.getTracks().includes(t)) t.stop();
    if (!this.#media) {
      this.#media = media;
      this.host.adopt(media, this.bitrate);
    } else this.host.changed(media);
    for (const kind of kinds) this.#trackChanged(kind);
    return OK;
  }

  #drop(kind: Kind): boolean {
    const tracks = kind === 'video' ? this.getVideoTracks() : this.getAudioTracks();
    for (const t of tracks) {
      t.stop();
      this.#media?.removeTrack(t);
    }
    if (this.#media && tracks.length) this.host.changed(this.#media);
    return true;
  }

  #trackChanged(kind: Kind): void {
    const track = (kind === 'video' ? this.getVideoTracks() : this.getAudioTracks())[0];
    if (!track) return;
    if (kind === 'video') {
      this.events.emit('videoTrackChanged', track);
      this.events.emit('captureVideoTrackChanged', track);
    } else {
      this.events.emit('audioTrackChanged', track);
      this.events.emit('captureAudioTrackChanged', track);
    }
  }

  // Playing it on the page (the picture always silent: your own voice would echo).

  playVideo(view: HTMLElement | string, config: ZegoViewOptions = {}): void {
    this.showVideo(view, config, false);
  }

  playCaptureVideo(view: HTMLElement | string, config: ZegoViewOptions = {}): void {
    this.playVideo(view, config);
  }

  /** Plays your own sound (to check the microphone; use headphones). */
  playAudio(_config?: { enableAutoplayDialog?: boolean }): void {
    this.playSound();
  }

  playCaptureAudio(config?: { enableAutoplayDialog?: boolean }): void {
    this.playAudio(config);
  }

  stopPlayCaptureVideo(): void {
    this.stopVideo();
  }

  stopPlayCaptureAudio(): void {
    this.stopAudio();
  }

  resumeVideo(): void {
    this.resume();
  }

  resumeAudio(): void {
    this.resume();
  }

  /** What a screen share shows (`monitor`, `window`, `browser`), `unknown` otherwise. */
  getScreenDisplaySurface(): string {
    const settings = this.getVideoTracks()[0]?.getSettings() as { displaySurface?: string } | undefined;
    return settings?.displaySurface ?? 'unknown';
  }

  /** Called by the engine's `destroyStream`: the stream is gone (its tracks stopped), the players stop. */
  detach(): void {
    this.#destroyed = true;
    this.stopVideo();
    this.stopAudio();
    this.#media = null;
  }
}
