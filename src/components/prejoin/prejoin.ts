import { html, css, type PropertyValues, type PropertyDeclarations } from 'lit';
import { errorCodeOf } from '../../core/errors.js';
import { mapMediaError } from '../../core/media-errors.js';
import { detectCapabilities } from '../../core/capabilities.js';
import { GET_USER_MEDIA_FAILED, USER_NAME_TOO_LONG } from '../../core/codes.js';
import { addWords, deviceText, errorText, initials, msg } from '../localize.js';
import { words } from './words.js';
// Its device problems show before any room is joined.
import '../error-words.js';
import { ZegoElement } from '../zego-element.js';
import { icons } from '../icons.js';
import { tileParts, tokens } from '../shared.styles.js';

addWords(words);

/** What `zego-prejoin-submit` carries: the choices to join with. */
export interface PrejoinSubmitDetail {
  userName: string;
  camera: boolean;
  microphone: boolean;
  cameraDeviceID: string;
  microphoneDeviceID: string;
  speakerDeviceID: string;
}

/** ZEGO's limit on a user name, in UTF-8 bytes. */
const USER_NAME_MAX_BYTES = 256;
const bytes = (s: string) => new TextEncoder().encode(s).length;

type Kind = 'camera' | 'microphone';

/**
 * Before joining: your camera (mirrored) and a microphone level meter, camera / microphone /
 * speaker pickers with a short test tone, on/off toggles, your name and Join. A camera or
 * microphone that is blocked, missing or busy says so in words, and joining without it stays
 * possible. Nothing is sent anywhere: the element captures locally and releases every track when
 * it is removed or Join is clicked. Join fires `zego-prejoin-submit` with the choices; give them to
 * `<zego-room>` (`camera`, `microphone`, `camera-device`, `microphone-device`, `speaker-device`,
 * `user-name`) so nobody picks a device twice.
 *
 * @summary Camera, microphone and name check before joining.
 *
 * @tagname zego-prejoin
 *
 * @event {CustomEvent<PrejoinSubmitDetail>} zego-prejoin-submit - Join was clicked. Cancelable: `preventDefault()` keeps the preview running.
 *
 * @csspart base - The whole panel.
 * @csspart preview - The camera tile.
 * @csspart video - The `<video>` showing your camera.
 * @csspart avatar - Initials while the camera is off or cannot be had.
 * @csspart message - Why a device cannot be used, in words.
 * @csspart meter - The microphone level meter.
 * @csspart form - The pickers, name and Join.
 * @csspart toggle - The camera and microphone on/off buttons (with `camera` or `microphone`).
 * @csspart select - The device pickers.
 * @csspart test - The speaker test button.
 * @csspart name - The name field.
 * @csspart join - The Join button.
 * @csspart error - Why Join did nothing (a name too long).
 */
export class ZegoPrejoin extends ZegoElement {
  static override properties: PropertyDeclarations = {
    userName: { attribute: 'user-name' },
    camera: { reflect: true },
    microphone: { reflect: true },
    cameraDevice: { attribute: 'camera-device' },
    microphoneDevice: { attribute: 'microphone-device' },
    speakerDevice: { attribute: 'speaker-device' },
    stream: { state: true },
    devices: { state: true },
    problems: { state: true },
    speakerFailed: { state: true },
    level: { state: true },
    error: { state: true },
  };
  static override styles = [
    tokens,
    tileParts,
    css`
      :host {
        display: block;
        container-type: inline-size;
        color: var(--_fg);
      }
      [part~='base'] {
        position: static;
        display: grid;
        gap: 16px;
        grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
        align-items: center;
        overflow: visible;
        background: none;
        outline: none;
      }
      @container (max-width: 600px) {
        [part~='base'] {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      [part~='preview'] {
        position: relative;
        aspect-ratio: var(--zego-tile-aspect-ratio, 4 / 3);
        max-height: 70vh;
        border-radius: var(--_radius);
        overflow: hidden;
        background: var(--_tile);
      }
      video {
        transform: scaleX(-1);
      }
      [part~='meter'] {
        height: 6px;
        border-radius: 3px;
        background: color-mix(in srgb, var(--_fg) 15%, transparent);
        overflow: hidden;
      }
      [part~='meter'] > div {
        height: 100%;
        background: var(--_ok);
        transition: width 0.1s linear;
      }
      /* Two columns: camera and microphone pickers side by side, everything else across. */
      [part~='form'] {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: 10px;
        align-content: start;
      }
      [part~='form'] > :not(label.half) {
        grid-column: 1 / -1;
      }
      .toggles {
        display: flex;
        gap: 8px;
      }
      [part~='toggle'],
      [part~='test'],
      [part~='join'] {
        display: inline-flex;
        align-items: center;
        justify-content: center;
        gap: 6px;
        min-height: 40px;
        padding: 0 14px;
        font: inherit;
        font-size: 14px;
        border: 0;
        border-radius: 20px;
        color: var(--_fg);
        background: color-mix(in srgb, var(--_fg) 10%, transparent);
        cursor: pointer;
      }
      [part~='toggle'][aria-pressed='false'] {
        color: var(--_danger);
        box-shadow: inset 0 0 0 2px var(--_danger);
        background: color-mix(in srgb, var(--_danger) 14%, transparent);
      }
      [part~='join'] {
        color: #fff;
        background: var(--_accent);
        font-weight: 600;
      }
      label {
        display: grid;
        gap: 4px;
        font-size: 13px;
      }
      .row {
        display: flex;
        gap: 8px;
        align-items: end;
      }
      .row label {
        flex: 1;
        min-width: 0;
      }
      [part~='select'],
      [part~='name'] {
        font: inherit;
        min-width: 0;
        padding: 8px;
        border-radius: 6px;
        border: 1px solid color-mix(in srgb, var(--_fg) 30%, transparent);
        background: var(--_bg);
        color: var(--_fg);
      }
      button:focus-visible,
      [part~='select']:focus-visible,
      [part~='name']:focus-visible {
        outline: none;
        box-shadow: var(--_focus);
      }
      button:disabled {
        opacity: 0.5;
        cursor: default;
      }
      [part~='error'] {
        color: var(--_danger);
        font-size: 14px;
      }
      svg {
        width: 18px;
        height: 18px;
      }
    `,
  ];

  /** The name field's value. */
  userName = '';
  /** Camera `on` (default) or `off`. */
  camera: 'on' | 'off' = 'on';
  /** Microphone `on` (default) or `off`. */
  microphone: 'on' | 'off' = 'on';
  /** Chosen devices (IDs; '' = the system's default). */
  cameraDevice = '';
  microphoneDevice = '';
  speakerDevice = '';

  /**
   * The stream being shown (camera and microphone as captured), while there is one.
   * @readonly
   */
  stream: MediaStream | undefined = undefined;
  private devices: Record<'videoinput' | 'audioinput' | 'audiooutput', MediaDeviceInfo[]> = {
    videoinput: [],
    audioinput: [],
    audiooutput: [],
  };
  /** Why each device cannot be had (ZEGO's code), 0 when it can. */
  private problems: Record<Kind, number> = { camera: 0, microphone: 0 };
  /** The chosen speaker could not play the test tone. */
  private speakerFailed = false;
  /** Microphone level, 0–1. */
  private level = 0;
  private error = '';
  get #video(): HTMLVideoElement | null | undefined {
    return this.renderRoot?.querySelector('video');
  }

  /** Bumped on every capture: an older capture that finishes late is dropped. */
  #generation = 0;
  /** Stops the microphone's level meter. */
  #meter: (() => void) | undefined;
  readonly #onDeviceChange = () => void this.#listDevices();

  override connectedCallback(): void {
    super.connectedCallback();
    globalThis.navigator?.mediaDevices?.addEventListener?.('devicechange', this.#onDeviceChange);
    void this.#capture();
  }

  protected override removed(): void {
    globalThis.navigator?.mediaDevices?.removeEventListener?.('devicechange', this.#onDeviceChange);
    this.#release();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (
      this.isConnected &&
      this.hasUpdated &&
      (changed.has('camera') ||
        changed.has('microphone') ||
        changed.has('cameraDevice') ||
        changed.has('microphoneDevice'))
    )
      void this.#capture();
  }

  protected override updated(): void {
    const video = this.#video;
    if (video && video.srcObject !== (this.stream ?? null)) {
      video.srcObject = this.stream ?? null;
      if (this.stream) void video.play().catch(() => undefined);
    }
  }

  /** Captures what is switched on, from the chosen devices; each device alone when both fail. */
  async #capture(): Promise<void> {
    const generation = ++this.#generation;
    this.#release();
    const media = globalThis.navigator?.mediaDevices;
    const want = { camera: this.camera !== 'off', microphone: this.microphone !== 'off' };
    const problems: Record<Kind, number> = { camera: 0, microphone: 0 };
    const constraint = (id: string) => (id ? { deviceId: { exact: id } } : true);
    const ask = async (camera: boolean, microphone: boolean) => {
      if (!media?.getUserMedia) throw new Error('no getUserMedia');
      try {
        return await media.getUserMedia({
          video: camera && constraint(this.cameraDevice),
          audio: microphone && constraint(this.microphoneDevice),
        });
      } catch (err) {
        throw mapMediaError(err);
      }
    };
    const codeOf = (err: unknown) => errorCodeOf(err) ?? GET_USER_MEDIA_FAILED;
    const tracks: MediaStreamTrack[] = [];
    if (want.camera || want.microphone) {
      try {
        tracks.push(...(await ask(want.camera, want.microphone)).getTracks());
      } catch (both) {
        if (want.camera && want.microphone) {
          // One of them may be the trouble: try each alone.
          for (const kind of ['camera', 'microphone'] as const)
            try {
              tracks.push(...(await ask(kind === 'camera', kind === 'microphone')).getTracks());
            } catch (err) {
              problems[kind] = codeOf(err);
            }
        } else problems[want.camera ? 'camera' : 'microphone'] = codeOf(both);
      }
    }
    if (generation !== this.#generation || !this.isConnected) {
      for (const t of tracks) t.stop();
      return;
    }
    this.problems = problems;
    this.stream = tracks.length ? new MediaStream(tracks) : undefined;
    // The level meter's code loads with the first microphone (a capture after it drops it).
    const audio = this.stream?.getAudioTracks()[0];
    if (audio)
      void import('./audio.js').then(
        (m) => {
          if (generation === this.#generation && this.isConnected)
            this.#meter = m.meter(audio, (l) => (this.level = l));
        },
        () => undefined,
      );
    await this.#listDevices();
  }

  async #listDevices(): Promise<void> {
    const all = (await globalThis.navigator?.mediaDevices?.enumerateDevices?.().catch(() => [])) ?? [];
    this.devices = {
      videoinput: all.filter((d) => d.kind === 'videoinput'),
      audioinput: all.filter((d) => d.kind === 'audioinput'),
      audiooutput: all.filter((d) => d.kind === 'audiooutput'),
    };
  }

  /** Stops every track and the meter. Idempotent. */
  #release(): void {
    for (const t of this.stream?.getTracks() ?? []) t.stop();
    this.stream = undefined;
    if (this.#video) this.#video.srcObject = null;
    this.#meter?.();
    this.#meter = undefined;
    this.level = 0;
  }

  /** A short tone on the chosen speaker (its code loads on the first click). */
  async #testSpeaker(): Promise<void> {
    const played = await import('./audio.js').then(
      (m) => m.playTone(this.speakerDevice),
      () => undefined, // could not load (offline): no tone, nothing to say about the speaker
    );
    if (played !== undefined) this.speakerFailed = !played;
  }

  #toggle(kind: Kind): void {
    this[kind] = this[kind] === 'off' ? 'on' : 'off';
  }

  readonly #submit = (e: Event): void => {
    e.preventDefault();
    const userName = this.userName.trim();
    if (bytes(userName) > USER_NAME_MAX_BYTES) {
      this.error = errorText(this, USER_NAME_TOO_LONG);
      return;
    }
    this.error = '';
    const detail: PrejoinSubmitDetail = {
      userName,
      camera: this.camera !== 'off' && !this.problems.camera,
      microphone: this.microphone !== 'off' && !this.problems.microphone,
      cameraDeviceID: this.cameraDevice,
      microphoneDeviceID: this.microphoneDevice,
      speakerDeviceID: this.speakerDevice,
    };
    // The room captures for itself: the camera is let go first.
    if (this.emit('zego-prejoin-submit', detail, { cancelable: true })) {
      this.#generation++;
      this.#release();
    }
  };

  #picker(label: string, kind: 'videoinput' | 'audioinput' | 'audiooutput', value: string, set: (id: string) => void) {
    const list = this.devices[kind];
    return html`<label class=${kind === 'audiooutput' ? '' : 'half'}
      >${label}
      <select part="select" .value=${value} @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${!value}>${msg(this, 'systemDefault')}</option>
        ${list
          .filter((d) => d.deviceId && d.deviceId !== 'default')
          .map(
            (d, i) =>
              html`<option value=${d.deviceId} ?selected=${d.deviceId === value}>
                ${d.label || `${label} ${i + 1}`}
              </option>`,
          )}
      </select></label
    >`;
  }

  protected override render() {
    const cameraOn = this.camera !== 'off';
    const micOn = this.microphone !== 'off';
    const showing = cameraOn && !!this.stream?.getVideoTracks().length;
    const messages = (['camera', 'microphone'] as const)
      .filter((k) => this.problems[k])
      .map((k) => deviceText(this, k, this.problems[k]));
    if (this.speakerFailed) messages.push(msg(this, 'speakerFailed'));
    const canSink = detectCapabilities().speakerSelection;
    const toggle = (kind: Kind, on: boolean, onIcon: unknown, offIcon: unknown) =>
      html`<button
        part=${`toggle ${kind}`}
        type="button"
        aria-pressed=${String(on)}
        title=${this.problems[kind] ? deviceText(this, kind, this.problems[kind]) : msg(this, kind)}
        @click=${() => this.#toggle(kind)}
      >
        ${on ? onIcon : offIcon}<span>${msg(this, kind)}</span>
      </button>`;
    return html`<div part="base">
      <div>
        <div part="preview">
          <video part="video" class=${showing ? '' : 'off'} autoplay playsinline muted></video>
          <div part="avatar" ?hidden=${showing} aria-hidden="true">${initials(this.userName || '?')}</div>
          ${messages.length ? html`<div part="message" role="alert">${messages.join(' ')}</div>` : ''}
        </div>
        <div
          part="meter"
          role="meter"
          aria-label=${msg(this, 'micLevel')}
          aria-valuemin="0"
          aria-valuemax="100"
          aria-valuenow=${Math.round((micOn ? this.level : 0) * 100)}
          style="margin-top:8px"
        >
          <div style=${`width:${Math.round((micOn ? this.level : 0) * 100)}%`}></div>
        </div>
      </div>
      <form part="form" @submit=${this.#submit}>
        <div class="toggles">
          ${toggle('microphone', micOn && !this.problems.microphone, icons.mic, icons.micOff)}
          ${toggle('camera', cameraOn && !this.problems.camera, icons.cam, icons.camOff)}
        </div>
        ${this.#picker(msg(this, 'camera'), 'videoinput', this.cameraDevice, (id) => (this.cameraDevice = id))}
        ${this.#picker(msg(this, 'microphone'), 'audioinput', this.microphoneDevice, (id) => (this.microphoneDevice = id))}
        ${
          canSink
            ? html`<div class="row">
                ${this.#picker(msg(this, 'speaker'), 'audiooutput', this.speakerDevice, (id) => (this.speakerDevice = id))}
                <button part="test" type="button" @click=${() => void this.#testSpeaker()}>
                  ${msg(this, 'testSpeaker')}
                </button>
              </div>`
            : ''
        }
        <label
          >${msg(this, 'yourName')}
          <input
            part="name"
            name="name"
            autocomplete="name"
            .value=${this.userName}
            @input=${(e: Event) => (this.userName = (e.target as HTMLInputElement).value)}
        /></label>
        ${this.error ? html`<div part="error" role="alert">${this.error}</div>` : ''}
        <button part="join" type="submit">${msg(this, 'join')}</button>
      </form>
    </div>`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'zego-prejoin-submit': CustomEvent<PrejoinSubmitDetail>;
  }
}
