import { html, type PropertyValues, type PropertyDeclarations } from 'lit';
import { SessionController } from '../../core/controllers/session-controller.js';
import type { RoomSession } from '../../core/session.js';
import { SPEAKING_LEVEL, isActive } from '../../core/phase.js';
import { ZegoError, errorCodeOf, type ZegoErrorInfo } from '../../core/errors.js';
import { BROWSER_UNSUPPORTED, DEVICE_NOT_READABLE, GET_USER_MEDIA_FAILED } from '../../core/codes.js';
import { streamIDFor } from '../../core/stream-ids.js';
import { deviceText, errorText, initials, msg } from '../localize.js';
import { ZegoElement } from '../zego-element.js';
import { icons } from '../icons.js';
import { tileStyles, tokens } from '../shared.styles.js';
import { css } from 'lit';

/** What `zego-preview-error` carries: ZEGO's `{code, msg}`. */
export type PreviewErrorDetail = ZegoErrorInfo;

/**
 * Your own camera and microphone: captures them through the engine, shows the local video
 * (mirrored unless `no-mirror`), and publishes it when `publish` is set and the room is connected.
 * Camera off shows your initials. Removing the element stops publishing and ends every track.
 *
 * @summary Local camera preview that can publish itself.
 *
 * @tagname zego-preview
 *
 * @event {CustomEvent<{stream: MediaStream}>} zego-preview-ready - The camera/microphone were captured.
 * @event {CustomEvent<PreviewErrorDetail>} zego-preview-error - Capture failed (permission denied: 1103064, no device: 1103061, busy: 1103065…), or switching the camera or microphone did (the one in use stays).
 * @event {CustomEvent<{code: number; msg: string}>} zego-error - The room refused to publish the stream (1003028 stream ID taken, 1002082 no publish privilege…); the tile says why too.
 *
 * @slot actions - Buttons over the tile, top right (`<zego-stream-grid>` puts Pin and Full screen there).
 *
 * @csspart base - The tile.
 * @csspart video - The `<video>` showing your camera.
 * @csspart avatar - Initials shown while the camera is off.
 * @csspart label - Your name and microphone state.
 * @csspart muted - The badge shown while your microphone is off.
 * @csspart warning - "You are muted" while you speak muted; "Your network is poor" while it is.
 * @csspart message - Why capture failed, in words.
 *
 * @cssproperty --zego-tile-radius - Corner radius of the tile.
 * @cssproperty --zego-tile-background - Tile background behind video and avatar.
 * @cssproperty --zego-tile-aspect-ratio - Aspect ratio of the tile (default 4 / 3).
 * @cssproperty --zego-avatar-background - Background of the initials avatar.
 * @cssproperty --zego-speaking-color - Outline colour while you speak.
 */
export class ZegoPreview extends ZegoElement {
  static override properties: PropertyDeclarations = {
    publish: { type: Boolean, reflect: true },
    streamId: { attribute: 'stream-id' },
    camera: { reflect: true },
    microphone: { reflect: true },
    noMirror: { type: Boolean, attribute: 'no-mirror' },
    videoQuality: { type: Number, attribute: 'video-quality' },
    stream: { state: true },
    error: { state: true },
    switchFailed: { state: true },
    refused: { state: true },
    talkingMuted: { state: true },
  };
  static override styles = [
    tokens,
    tileStyles,
    css`
      video.mirror {
        transform: scaleX(-1);
      }
    `,
  ];

  /** Publish the captured stream while the room is connected. */
  publish = false;
  /** Stream ID to publish under; default `<userID>_main` (see `streamIDFor`: any ZEGO user ID gives a legal stream ID). */
  streamId = '';
  /** `on` (default) or `off`. Off releases the camera (its light goes off) and shows initials. */
  camera: 'on' | 'off' = 'on';
  /** `on` (default) or `off` (muted: the others see your microphone as MUTE). */
  microphone: 'on' | 'off' = 'on';
  /** Show the video as captured instead of mirrored. */
  noMirror = false;
  /** ZEGO's camera preset: 1 320×240, 2 640×480 (default), 3 1280×720, 4 custom. */
  videoQuality: 1 | 2 | 3 | 4 = 2;

  /**
   * The captured stream, once captured.
   * @readonly
   */
  stream: MediaStream | undefined = undefined;
  private error: PreviewErrorDetail | undefined = undefined;
  /** The last camera or microphone switch that failed (cleared by one that works). */
  private switchFailed: PreviewErrorDetail | undefined = undefined;
  get #video(): HTMLVideoElement | null | undefined {
    return this.renderRoot?.querySelector('video');
  }

  readonly #ctl = new SessionController(
    this,
    (s) => ['state', 'local', `publish:${this.#publishedID(s)}`],
    () => {
      this.#sync();
      this.requestUpdate();
    },
  );
  #capturing: Promise<void> | undefined;
  #capturedFor: RoomSession | undefined;
  #applying: Promise<void> = Promise.resolve();
  #published = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.#sync();
  }

  protected override removed(): void {
    this.#release();
  }

  #publishedID(s: RoomSession): string {
    return this.streamId || streamIDFor(s.user.userID);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session') || changed.has('streamId')) this.#ctl.refresh();
    const session = this.#ctl.session;
    // A change of the attributes switches; their first values only count at capture (off wins).
    if (session && this.hasUpdated && (changed.has('camera') || changed.has('microphone'))) {
      const camera = this.camera !== 'off';
      const microphone = this.microphone !== 'off';
      if (session.local.camera !== camera || session.local.microphone !== microphone)
        session.setLocal({ camera, microphone });
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#video && this.#video.srcObject !== (this.stream ?? null)) this.#show(this.stream);
    if (changed.has('publish') || changed.has('streamId')) this.#sync();
  }

  /** Brings capture, switches and publishing in line with the session. */
  #sync(): void {
    const session = this.#ctl.session;
    if (!this.isConnected) return;
    const active = session && isActive(session.status.phase);
    if (!session || !active || session !== this.#capturedFor) {
      if (this.#capturedFor && this.#capturedFor !== session) this.#release();
      else if (!active && this.stream) this.#release();
    }
    if (session && active && !this.stream && !this.#capturing && !this.error) this.#capturing = this.#capture(session);
    if (session && this.stream) {
      // Attributes follow the shared switches (set by `<zego-call-controls>` too).
      this.camera = session.local.camera ? 'on' : 'off';
      this.microphone = session.local.microphone ? 'on' : 'off';
      this.#applying = this.#applying.then(() => this.#apply(session)).catch(() => undefined);
      const id = this.#publishedID(session);
      const want = this.publish && session.status.phase === 'connected';
      if (want && this.#published !== id) {
        if (this.#published) session.unpublish(this.#published);
        this.#published = id;
        session.publish(id, this.stream);
      } else if (!want && this.#published && session.status.phase === 'connected') {
        session.unpublish(this.#published);
        this.#published = '';
      }
    }
    // A publish the room refused (a stream ID taken, no publish privilege…) says why, once.
    const pub = session?.published.get(this.#published);
    const refused = pub?.state === 'NO_PUBLISH' && session?.status.phase === 'connected' ? pub.errorCode : 0;
    if (refused && refused !== this.refused?.code) {
      this.refused = { code: refused, msg: errorText(this, refused) };
      this.emit('zego-error', this.refused);
    } else if (!refused) this.refused = undefined;
  }

  /** Why the room refused the publish, while it does. */
  private refused: PreviewErrorDetail | undefined = undefined;

  async #capture(session: RoomSession): Promise<void> {
    this.#capturedFor = session;
    // Off, on the room (its `camera`/`microphone` attributes) or here, is off.
    if (session.local.stream === undefined) {
      session.local.camera &&= this.camera !== 'off';
      session.local.microphone &&= this.microphone !== 'off';
    }
    const { camera, cameraDevice, microphoneDevice } = session.local;
    const ask = (video: boolean, audio: boolean) =>
      session.engine.createStream({
        camera: {
          video,
          audio,
          videoQuality: this.videoQuality,
          ...session.local.processing,
          ...(video && cameraDevice ? { videoInput: cameraDevice } : {}),
          ...(audio && microphoneDevice ? { audioInput: microphoneDevice } : {}),
        },
      });
    const codeOf = (err: unknown) => errorCodeOf(err) ?? GET_USER_MEDIA_FAILED;
    let stream: MediaStream | undefined;
    let cameraError = 0;
    let microphoneError = 0;
    try {
      // A camera that is off is not captured (its light stays off) until it is turned on.
      stream = await ask(camera, true);
    } catch (first) {
      if (!camera) microphoneError = codeOf(first);
      else {
        // One device may be the trouble (a camera blocked, none plugged in, in use elsewhere): the
        // call goes on with the other, and each says why it is missing.
        try {
          stream = await ask(false, true);
          cameraError = codeOf(first);
        } catch (err) {
          microphoneError = codeOf(err);
          try {
            stream = await ask(true, false);
          } catch (err) {
            cameraError = codeOf(err);
          }
        }
      }
    } finally {
      this.#capturing = undefined;
    }
    if (this.#capturedFor !== session || !this.isConnected) {
      if (stream) session.engine.destroyStream(stream);
      return;
    }
    const missing = { cameraError, microphoneError };
    if (!stream) {
      const code = cameraError || microphoneError;
      // 1103002 here is about capture, not calls (those work: this tile's user watches and listens).
      this.error = { code, msg: code === BROWSER_UNSUPPORTED ? msg(this, 'noCapture') : errorText(this, code) };
      session.setLocal({ ...missing, camera: false, microphone: false });
      this.emit('zego-preview-error', this.error);
    } else {
      this.stream = stream;
      this.#appliedCamera = stream.getVideoTracks().length > 0;
      this.#appliedMic = !microphoneError;
      this.#appliedDevices = [cameraDevice, microphoneDevice, JSON.stringify(session.local.processing ?? {})];
      session.setLocal({
        stream,
        ...missing,
        ...(cameraError ? { camera: false } : {}),
        ...(microphoneError ? { microphone: false } : {}),
      });
      this.emit('zego-preview-ready', { stream });
      const code = cameraError || microphoneError;
      if (code) this.emit('zego-preview-error', { code, msg: errorText(this, code) });
    }
    this.#sync();
  }

  #appliedCamera = true;
  #appliedMic = true;
  /** The camera, the microphone and its processing (as JSON) in use. */
  #appliedDevices: [string, string, string] = ['', '', '{}'];

  /** Says "You are muted" while you speak with the microphone off. */
  private talkingMuted = false;
  private stopListening: (() => void) | undefined;
  /** The microphone track listened to while muted (a new one, after a switch, is listened to instead). */
  #heard: MediaStreamTrack | undefined;

  /**
   * While the microphone is off, listens to a copy of its track (the one sent stays silent) and
   * sets `talkingMuted` while it hears more than a murmur, for a second after.
   */
  #listenWhileMuted(stream: MediaStream | undefined): void {
    this.stopListening?.();
    this.stopListening = undefined;
    this.talkingMuted = false;
    const audio = (this.#heard = stream?.getAudioTracks()[0]);
    if (!audio || typeof AudioContext !== 'function') return;
    // Its code loads the first time: the hint may show a moment later then.
    import('./muted-listener.js').then(
      (m) => {
        if (this.#heard === audio && !this.stopListening)
          this.stopListening = m.listen(audio, (on) => (this.talkingMuted = on));
      },
      () => undefined, // no hint, then
    );
  }

  /** Applies the shared switches to the captured stream, one change at a time. */
  async #apply(session: RoomSession): Promise<void> {
    const stream = this.stream;
    if (!stream || session !== this.#capturedFor) return;
    const { camera, microphone, cameraDevice, microphoneDevice, processing } = session.local;
    if (microphone !== this.#appliedMic) {
      this.#appliedMic = microphone;
      session.engine.mutePublishStreamAudio(stream, !microphone);
      this.#listenWhileMuted(microphone ? undefined : stream);
    }
    // A device that cannot be switched to (unplugged, busy) leaves the one in use, and the tile
    // says why; the picker goes back to the device in use.
    const change = async (
      i: 0 | 1 | 2,
      wanted: string,
      key: 'cameraDevice' | 'microphoneDevice' | 'processing',
      use: () => unknown,
    ) => {
      const used = this.#appliedDevices[i];
      if (wanted === used) return;
      this.#appliedDevices[i] = wanted;
      try {
        const answer = (await use()) as { errorCode?: number } | undefined;
        if (answer?.errorCode) throw new ZegoError(answer.errorCode, 'not changed');
        this.switchFailed = undefined;
      } catch (err) {
        const code = errorCodeOf(err) ?? DEVICE_NOT_READABLE;
        this.switchFailed = { code, msg: errorText(this, code) };
        this.#appliedDevices[i] = used;
        session.setLocal({ [key]: i > 1 ? JSON.parse(used) : used });
        this.emit('zego-preview-error', this.switchFailed);
      }
    };
    await change(0, cameraDevice, 'cameraDevice', () => camera && session.engine.useVideoDevice(stream, cameraDevice));
    await change(1, microphoneDevice, 'microphoneDevice', async () => {
      await session.engine.useAudioDevice(stream, microphoneDevice);
      if (!microphone) session.engine.mutePublishStreamAudio(stream, true);
    });
    // Noise suppression, echo cancellation: a copy listened to while muted would keep the old
    // capture (and its processing) open, so it goes first.
    await change(2, JSON.stringify(processing ?? {}), 'processing', () => {
      this.#listenWhileMuted(undefined);
      return session.engine.setAudioConfig(stream, processing!);
    });
    // The microphone's track changed (another device, other processing): listen to the new one.
    if (!microphone && this.#heard !== stream.getAudioTracks()[0]) this.#listenWhileMuted(stream);
    if (camera !== this.#appliedCamera) {
      this.#appliedCamera = camera;
      // Off releases the camera for real (the light goes off); the others see MUTE.
      await session.engine.enableVideoCaptureDevice(stream, camera);
      if (camera && cameraDevice) await session.engine.useVideoDevice(stream, cameraDevice);
      this.#show(undefined);
      this.#show(stream);
    }
    this.requestUpdate();
  }

  #show(stream: MediaStream | undefined): void {
    const video = this.#video;
    if (!video) return;
    video.srcObject = stream ?? null;
    if (stream) void video.play().catch(() => undefined);
  }

  /** Stops publishing and ends every captured track. Idempotent. */
  #release(): void {
    const session = this.#capturedFor;
    const stream = this.stream;
    this.#capturedFor = undefined;
    this.stream = undefined;
    this.#capturing = undefined;
    this.error = undefined;
    this.#listenWhileMuted(undefined);
    if (session && this.#published) session.unpublish(this.#published);
    this.#published = '';
    if (stream) {
      session?.engine.destroyStream(stream);
      for (const t of stream.getTracks()) t.stop();
      if (session?.local.stream === stream) session.setLocal({ stream: undefined });
    }
    if (this.#video) this.#video.srcObject = null;
  }

  protected override render() {
    const session = this.#ctl.session;
    const name = session ? session.user.userName || session.user.userID : '';
    const cameraOn = this.camera !== 'off' && !!this.stream?.getVideoTracks().some((t) => t.readyState === 'live');
    const micOn = this.microphone !== 'off';
    const level = session?.capturedSoundLevel ?? 0;
    // Only while in the call: a room left or lost keeps no stale outline.
    const speaking = micOn && level >= SPEAKING_LEVEL && session?.status.phase === 'connected';
    // Your own upstream, graded by the engine every few seconds while you publish.
    const poor = (session?.uplinkQuality ?? -1) >= 3 && session?.status.phase === 'connected';
    const you = msg(this, 'you');
    // "Ada (you)"; a user named "You" is just that (never "You (you)").
    const label = !name ? you : name.toLowerCase() === you.toLowerCase() ? name : `${name} (${you})`;
    // Capture failed; else one device is missing (the call goes on with the other); else a refused publish.
    const { cameraError = 0, microphoneError = 0 } = this.stream ? (session?.local ?? {}) : {};
    const missing = [
      cameraError ? deviceText(this, 'camera', cameraError) : '',
      microphoneError ? deviceText(this, 'microphone', microphoneError) : '',
    ];
    // Nothing captured: the call goes on with you watching and listening, and the tile says so.
    const problem = this.error
      ? `${this.error.msg} ${msg(this, 'viewer')}`
      : this.switchFailed?.msg || missing.join(' ').trim() || this.refused?.msg;
    return html`<div part="base" class=${speaking ? 'speaking' : ''}>
      <slot name="actions"></slot>
      <video
        part="video"
        class=${`${this.noMirror ? '' : 'mirror'} ${cameraOn ? '' : 'off'}`}
        autoplay
        playsinline
        muted
      ></video>
      <div part="avatar" ?hidden=${cameraOn || !!this.error} aria-hidden="true">${initials(name)}</div>
      <div part="muted" ?hidden=${micOn} aria-hidden="true">${icons.micOff}</div>
      ${
        poor || (this.talkingMuted && !micOn)
          ? html`<div part="warning" role="status">${msg(this, poor ? 'poorNetwork' : 'youAreMuted')}</div>`
          : ''
      }
      <div part="label">
        ${micOn ? icons.mic : icons.micOff}
        <span class="name" title=${label}>${label}</span>
        ${micOn ? '' : html`<span class="sr-only">${msg(this, 'muted')}</span>`}
      </div>
      ${problem ? html`<div part="message" role="alert">${problem}</div>` : ''}
    </div>`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'zego-preview-ready': CustomEvent<{ stream: MediaStream }>;
    'zego-preview-error': CustomEvent<PreviewErrorDetail>;
  }
}
