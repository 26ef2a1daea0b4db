/**
 * ZEGO's players for a stream on the page: `ZegoStreamView` (what `createRemoteStreamView` returns)
 * and the playing half of `ZegoLocalStream`. Video goes into a black box that fills the container,
 * laid out as ZEGO's SDK lays it out (`mirror`, `objectFit`, default `contain`); sound plays from an
 * element the page does not show.
 */
import { ZegoError } from '../core/errors.js';
import { PARAM_INVALID } from '../core/codes.js';
import { useAudioOutputDevice } from './devices.js';
import { Emitter } from './emitter.js';

/** `ZegoStreamViewOptions` / `ZegoLocalViewOptions` of ZEGO's SDK 3.12. */
export interface ZegoViewOptions {
  /** Show the picture mirrored. Default false. */
  mirror?: boolean;
  /** How the picture fills the container. Default `contain`. */
  objectFit?: 'cover' | 'contain' | 'fill';
  /** Play without sound (a remote view's `play` has sound by default). */
  muted?: boolean;
  /** ZEGO's autoplay dialog: the mesh engine shows none (listen to `autoplayFailed`, then call `resume()` on a click). */
  enableAutoplayDialog?: boolean;
  /** Accepted; the picture is kept until the view stops. */
  clearLastFrame?: boolean;
}

/** `ZegoSnapshotOptions`. */
export interface ZegoSnapshotOptions {
  /** `png` (default) or `jpeg`. */
  imageType?: string;
  /** 0..1, for jpeg. Default 1. */
  quality?: number;
}

/** Events of a view (`StreamViewEvent`) and of a local stream's players. */
export interface ZegoViewEvents {
  /** The browser would not start playing without a user gesture: call `resume()` from a click. */
  autoplayFailed: (player: HTMLMediaElement, e?: unknown) => void;
  canPlayVideo: (e: Event) => void;
  canPlayAudio: (e: Event) => void;
}

type Media = HTMLVideoElement | HTMLAudioElement;

/** Plays one stream into the page: a picture (with or without its sound) and/or its sound alone. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any listener shape
export class StreamPlayer<E extends ZegoViewEvents & { [K in keyof E]: (...args: any[]) => void } = ZegoViewEvents> {
  protected readonly events = new Emitter<E>();
  #box: HTMLElement | undefined;
  #video: HTMLVideoElement | undefined;
  #audio: HTMLAudioElement | undefined;
  /** Whether the picture's element plays the sound too (a view's `play`). */
  #videoSound = false;
  #volume = 1;
  #sink = '';

  /** @param source the stream to play (read at each play: a local stream may change it). */
  constructor(private readonly source: () => MediaStream | null) {}

  on<K extends keyof E & string>(event: K, callBack: E[K]): boolean {
    return this.events.on(event, callBack);
  }

  off<K extends keyof E & string>(event: K, callBack?: E[K]): boolean {
    return this.events.off(event, callBack);
  }

  /** Shows the picture in `container` (an element or its ID), with the stream's sound when `sound`. */
  protected showVideo(container: string | HTMLElement, options: ZegoViewOptions, sound: boolean): void {
    const host = typeof container === 'string' ? globalThis.document?.getElementById(container) : container;
    if (!(host instanceof HTMLElement)) throw new ZegoError(PARAM_INVALID, 'no such container');
    this.stopVideo();
    const box = document.createElement('div');
    box.style.cssText = 'width:100%;height:100%;position:relative;background-color:black;overflow:hidden';
    const video = document.createElement('video');
    video.playsInline = true;
    this.#videoSound = sound && !options.muted;
    video.muted = !this.#videoSound;
    video.style.cssText = `width:100%;height:100%;object-fit:${options.objectFit ?? 'contain'}${
      options.mirror ? ';transform:rotateY(180deg)' : ''
    }`;
    box.append(video);
    host.append(box);
    this.#box = box;
    this.#video = video;
    this.#start(video, 'canPlayVideo');
  }

  /** Plays the stream's sound alone. */
  protected playSound(): void {
    this.stopAudio();
    this.#audio = document.createElement('audio');
    this.#start(this.#audio, 'canPlayAudio');
  }

  #start(el: Media, ready: 'canPlayVideo' | 'canPlayAudio'): void {
    el.autoplay = true;
    el.srcObject = this.source();
    el.volume = this.#volume;
    if (this.#sink) void this.#toSink(el);
    el.addEventListener('canplay', (e) => this.#view.emit(ready, e), { once: true });
    this.resume();
  }

  /** The events every player has. */
  get #view(): Emitter<ZegoViewEvents> {
    return this.events as unknown as Emitter<ZegoViewEvents>;
  }

  /** Starts again what the browser would not autoplay: call from a click. */
  resume(): void {
    for (const el of [this.#video, this.#audio])
      el?.play().catch((e: unknown) => {
        // Only a refusal to play without a gesture is autoplay's; an interrupted play (stopped, source changed) is not.
        if ((e as { name?: string } | null)?.name === 'NotAllowedError') this.#view.emit('autoplayFailed', el, e);
      });
  }

  stopVideo(): void {
    if (this.#video) this.#video.srcObject = null;
    this.#box?.remove();
    this.#box = this.#video = undefined;
  }

  stopAudio(): void {
    if (this.#audio) this.#audio.srcObject = null;
    this.#audio = undefined;
  }

  /** Volume 0..100 of what plays with sound. */
  setVolume(volume: number): boolean {
    if (typeof volume !== 'number' || !(volume >= 0 && volume <= 100)) return false;
    this.#volume = volume / 100;
    for (const el of [this.#video, this.#audio]) if (el) el.volume = this.#volume;
    return true;
  }

  /** Plays the sound on another output device (`setSinkId`); rejects where the browser cannot. */
  async useAudioOutputDevice(deviceID: string): Promise<void> {
    this.#sink = deviceID;
    for (const el of [this.#video, this.#audio]) if (el) await this.#toSink(el);
  }

  #toSink(el: Media): Promise<boolean> {
    return useAudioOutputDevice(el, this.#sink);
  }

  /** The picture now, as a data URL (`png` unless `imageType: 'jpeg'`); empty before any frame. */
  takeStreamSnapshot(option: ZegoSnapshotOptions = {}): string {
    const v = this.#video;
    if (!v?.videoWidth) return '';
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0);
    return canvas.toDataURL(`image/${option.imageType === 'jpeg' ? 'jpeg' : 'png'}`, option.quality ?? 1);
  }

  /** Width and height of the picture shown, 0 when none. */
  getVideoWidth(): number {
    return this.#video?.videoWidth ?? 0;
  }

  getVideoHeight(): number {
    return this.#video?.videoHeight ?? 0;
  }

  /** Hides (true) or shows the picture; the sound goes on. */
  setVideoMuted(muted: boolean): boolean {
    if (this.#video) this.#video.style.visibility = muted ? 'hidden' : '';
    return !!this.#video;
  }

  /** Silences (true) or unsilences the sound being played. */
  setAudioMuted(muted: boolean): boolean {
    const el = this.#audio ?? (this.#videoSound ? this.#video : undefined);
    if (el) el.muted = muted;
    return !!el;
  }
}

/**
 * What `createRemoteStreamView(remoteStream)` returns: ZEGO's `ZegoStreamView` for a stream being
 * played. `play` shows the picture with its sound; `playVideo` and `playAudio` one of them.
 */
export class MeshStreamView extends StreamPlayer {
  constructor(stream: MediaStream) {
    super(() => stream);
  }

  play(container: string | HTMLElement, options: ZegoViewOptions = {}): void {
    this.showVideo(container, options, true);
  }

  playVideo(container: string | HTMLElement, options: ZegoViewOptions = {}): void {
    this.showVideo(container, options, false);
  }

  playAudio(_options: ZegoViewOptions = {}): void {
    this.playSound();
  }

  stop(): void {
    this.stopVideo();
    this.stopAudio();
  }

  /** Another name for `useAudioOutputDevice`. */
  setAudioOutput(deviceID: string): Promise<void> {
    return this.useAudioOutputDevice(deviceID);
  }
}
