import { html, css, type PropertyValues, type PropertyDeclarations } from 'lit';
import { SessionController } from '../../core/controllers/session-controller.js';
import type { RoomSession } from '../../core/session.js';
import { isActive } from '../../core/phase.js';
import type { ZegoDeviceInfos } from '../../core/engine.js';
import { errorCodeOf, type ZegoErrorInfo } from '../../core/errors.js';
import { GET_USER_MEDIA_FAILED, NETWORK_BROKEN, SCREEN_CAPTURE_FAILED } from '../../core/codes.js';
import { detectCapabilities } from '../../core/capabilities.js';
import { streamIDFor } from '../../core/stream-ids.js';
import { deviceText, errorText, msg } from '../localize.js';
import { ZegoElement } from '../zego-element.js';
import { icons } from '../icons.js';
import { tokens } from '../shared.styles.js';

/**
 * The call's buttons: microphone, camera, screen sharing (published as a second stream
 * `<userID>_screen`, ended when the browser's share ends), device menus (camera, microphone,
 * speaker) and leave. Every button has an accessible name, toggles report `aria-pressed`, and all
 * work from the keyboard.
 *
 * @summary Microphone, camera, screen, devices and leave buttons.
 *
 * @tagname zego-call-controls
 *
 * @event {CustomEvent<{session: RoomSession}>} zego-leave-request - Leave was clicked. Cancelable: `preventDefault()` keeps the call.
 * @event {CustomEvent<{code: number; msg: string}>} zego-controls-error - Screen sharing or a device switch failed.
 *
 * @csspart bar - The row of buttons.
 * @csspart button - Every button; toggles also have `microphone`, `camera`, `screen`, `devices` or `leave`. A microphone or camera that could not be captured (blocked, missing, busy) stays off with a warning mark; clicking it says why.
 * @csspart presenting - "You are presenting", shown while you share your screen, with `stop-presenting`.
 * @csspart stop-presenting - Stops sharing your screen.
 * @csspart menu - The devices panel.
 * @csspart select - The device pickers.
 * @csspart choose-speaker - "Choose a speaker…", where the browser lists speakers only after its own prompt (Firefox).
 * @csspart message - An error in words.
 *
 * @cssproperty --zego-control-size - Button height (default 44px).
 * @cssproperty --zego-control-background - Button background.
 * @cssproperty --zego-control-active-background - Background of a toggle that is off (muted, camera off).
 */
export class ZegoCallControls extends ZegoElement {
  static override properties: PropertyDeclarations = {
    noScreen: { type: Boolean, attribute: 'no-screen' },
    noDevices: { type: Boolean, attribute: 'no-devices' },
    menuOpen: { state: true },
    devices: { state: true },
    error: { state: true },
    sharing: { state: true },
  };
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
        position: relative;
        container-type: inline-size;
      }
      [part~='bar'] {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
        justify-content: center;
      }
      [part~='button'] {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        height: var(--zego-control-size, 44px);
        padding: 0 14px;
        font: inherit;
        font-size: 14px;
        border-radius: calc(var(--zego-control-size, 44px) / 2);
        border: 0;
        color: var(--_fg);
        background: var(--zego-control-background, color-mix(in srgb, var(--_fg) 10%, transparent));
        cursor: pointer;
      }
      /* Off is a red outline with a struck icon; only Leave is solid red. */
      [part~='microphone'][aria-pressed='false'],
      [part~='camera'][aria-pressed='false'] {
        color: var(--_danger);
        background: var(--zego-control-active-background, color-mix(in srgb, var(--_danger) 14%, transparent));
        box-shadow: inset 0 0 0 2px var(--_danger);
      }
      /* A device that could not be captured: a warning mark on the off button. */
      [part~='button'].missing {
        position: relative;
      }
      [part~='button'].missing::after {
        content: '!';
        position: absolute;
        top: -4px;
        right: -4px;
        width: 16px;
        height: 16px;
        border-radius: 50%;
        font: 700 11px/16px sans-serif;
        text-align: center;
        color: #1d2129;
        background: #ffd54f;
      }
      [part~='screen'][aria-pressed='true'],
      [part~='devices'][aria-expanded='true'] {
        color: #fff;
        background: var(--_accent);
      }
      [part~='leave'] {
        color: #fff;
        background: var(--_danger);
      }
      [part~='button']:disabled {
        opacity: 0.5;
        cursor: default;
      }
      [part~='button']:focus-visible {
        outline: none;
        box-shadow: var(--_focus);
      }
      svg {
        width: 20px;
        height: 20px;
        fill: currentColor;
      }
      /* Narrow: icons only (the words stay as accessible names and tooltips). */
      @container (max-width: 520px) {
        [part~='button'] {
          width: var(--zego-control-size, 44px);
          padding: 0;
          justify-content: center;
        }
        [part~='button'] span {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip-path: inset(50%);
        }
      }
      [part~='presenting'] {
        display: flex;
        gap: 8px;
        align-items: center;
        justify-content: center;
        margin-bottom: 8px;
        font-size: 14px;
      }
      [part~='stop-presenting'] {
        font: inherit;
        padding: 4px 12px;
        border: 0;
        border-radius: 999px;
        color: #fff;
        background: var(--_danger);
        cursor: pointer;
      }
      [part~='message'] {
        margin-top: 8px;
        text-align: center;
        color: var(--_danger);
        font-size: 14px;
      }
    `,
  ];

  /** Hide the screen-share button. */
  noScreen = false;
  /** Hide the devices button. */
  noDevices = false;

  private menuOpen = false;
  private devices: ZegoDeviceInfos | undefined = undefined;
  private error: ZegoErrorInfo | undefined = undefined;
  private sharing = false;

  readonly #ctl = new SessionController(this, () => ['state', 'local', 'screen-ended']);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session')) this.#ctl.refresh();
    const session = this.#ctl.session;
    // The browser's own "stop sharing" ends the share.
    if (this.sharing && session && !session.local.screen) this.sharing = false;
    if (this.sharing && session?.local.screen?.getVideoTracks().every((t) => t.readyState === 'ended'))
      void this.#stopScreen();
  }

  protected override removed(): void {
    if (this.sharing) void this.#stopScreen();
  }

  #toggle(which: 'camera' | 'microphone'): void {
    const session = this.#ctl.session;
    if (!session) return;
    // A device that could not be captured stays off, and says why.
    const missing = session.local[`${which}Error`];
    if (missing) {
      this.error = { code: missing, msg: deviceText(this, which, missing) };
      return;
    }
    session.setLocal({ [which]: !session.local[which] });
  }

  async #toggleScreen(): Promise<void> {
    if (this.sharing) return this.#stopScreen();
    const session = this.#ctl.session;
    if (!session) return;
    try {
      const stream = await session.engine.createStream({ screen: { videoQuality: 2 } });
      if (this.#ctl.session !== session || session.status.phase !== 'connected') {
        session.engine.destroyStream(stream);
        return;
      }
      this.sharing = true;
      session.setLocal({ screen: stream });
      stream.getVideoTracks()[0]?.addEventListener('ended', () => void this.#stopScreen(), { once: true });
      session.publish(streamIDFor(session.user.userID, 'screen'), stream);
    } catch (err) {
      this.#report(errorCodeOf(err) ?? SCREEN_CAPTURE_FAILED);
    }
  }

  async #stopScreen(): Promise<void> {
    const session = this.#ctl.session;
    this.sharing = false;
    const stream = session?.local.screen;
    if (!session || !stream) return;
    session.unpublish(streamIDFor(session.user.userID, 'screen'));
    session.engine.destroyStream(stream);
    session.setLocal({ screen: undefined });
  }

  /** The devices panel's code, loaded the first time it opens. */
  #menu: typeof import('./devices-menu.js') | undefined;

  async #toggleMenu(): Promise<void> {
    this.menuOpen = !this.menuOpen;
    const session = this.#ctl.session;
    if (!this.menuOpen || !session) return;
    try {
      if (!this.#menu) {
        this.#menu = await import('./devices-menu.js');
        this.#menu.adoptStyles(this.renderRoot as ShadowRoot);
      }
    } catch {
      return this.#report(NETWORK_BROKEN);
    }
    try {
      this.devices = await session.engine.enumDevices();
    } catch (err) {
      this.#report(errorCodeOf(err) ?? GET_USER_MEDIA_FAILED);
    }
    await this.updateComplete;
    // Inside the viewport, with the focus in it.
    const menu = this.renderRoot.querySelector<HTMLElement>('[part~="menu"]');
    if (menu) this.#menu.place(menu);
  }

  #leave(): void {
    const session = this.#ctl.session;
    if (!session) return;
    if (this.emit('zego-leave-request', { session }, { cancelable: true })) {
      if (this.sharing) void this.#stopScreen();
      session.requestLeave();
    }
  }

  #report(code: number, words = errorText(this, code)): void {
    this.error = { code, msg: words };
    this.emit('zego-controls-error', this.error);
  }

  readonly #onKeydown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.menuOpen) {
      this.menuOpen = false;
      this.renderRoot.querySelector<HTMLElement>('[part~="devices"]')?.focus();
    }
  };

  protected override render() {
    const session = this.#ctl.session;
    const live = session?.status.phase === 'connected';
    const usable = !!session && isActive(session.status.phase);
    // Failed or kicked out is no dead end: Leave still works.
    const leavable = usable || session?.status.phase === 'failed' || session?.status.phase === 'kicked';
    const mic = session?.local.microphone ?? true;
    const cam = session?.local.camera ?? true;
    // Devices that could not be captured: off, with a warning mark; a click says why.
    const micMissing = session?.local.microphoneError ?? 0;
    const camMissing = session?.local.cameraError ?? 0;
    const can = session?.capabilities ?? detectCapabilities();
    return html`${
        this.sharing
          ? html`<div part="presenting" role="status">
              ${icons.screen}<span>${msg(this, 'presenting')}</span>
              <button part="stop-presenting" type="button" @click=${() => void this.#stopScreen()}>
                ${msg(this, 'stopPresenting')}
              </button>
            </div>`
          : ''
      }
      <div part="bar" role="toolbar" aria-label=${msg(this, 'call')} @keydown=${this.#onKeydown}>
        <button
          part="button microphone"
          type="button"
          title=${micMissing ? deviceText(this, 'microphone', micMissing) : msg(this, 'microphone')}
          aria-pressed=${String(mic)}
          aria-disabled=${micMissing ? 'true' : 'false'}
          class=${micMissing ? 'missing' : ''}
          ?disabled=${!usable}
          @click=${() => this.#toggle('microphone')}
        >
          ${mic ? icons.mic : icons.micOff}<span>${msg(this, 'microphone')}</span>
        </button>
        <button
          part="button camera"
          type="button"
          title=${camMissing ? deviceText(this, 'camera', camMissing) : msg(this, 'camera')}
          aria-pressed=${String(cam)}
          aria-disabled=${camMissing ? 'true' : 'false'}
          class=${camMissing ? 'missing' : ''}
          ?disabled=${!usable}
          @click=${() => this.#toggle('camera')}
        >
          ${cam ? icons.cam : icons.camOff}<span>${msg(this, 'camera')}</span>
        </button>
        ${
          this.noScreen || !can.screenSharing
            ? ''
            : html`<button
                part="button screen"
                type="button"
                title=${msg(this, 'screen')}
                aria-pressed=${String(this.sharing)}
                ?disabled=${!live}
                @click=${() => void this.#toggleScreen()}
              >
                ${icons.screen}<span>${msg(this, 'screen')}</span>
              </button>`
        }
        ${
          this.noDevices
            ? ''
            : html`<button
                part="button devices"
                type="button"
                title=${msg(this, 'devices')}
                aria-expanded=${String(this.menuOpen)}
                aria-controls="menu"
                ?disabled=${!usable}
                @click=${() => void this.#toggleMenu()}
              >
                ${icons.gear}<span>${msg(this, 'devices')}</span>
              </button>`
        }
        <button
          part="button leave"
          type="button"
          title=${msg(this, 'leave')}
          ?disabled=${!leavable}
          @click=${() => this.#leave()}
        >
          ${icons.leave}<span>${msg(this, 'leave')}</span>
        </button>
      </div>
      ${
        this.menuOpen && this.devices && this.#menu && session
          ? this.#menu.renderMenu(this, {
              session,
              devices: this.devices,
              can,
              report: (code, words) => this.#report(code, words),
              relisted: (devices) => (this.devices = devices),
              keydown: this.#onKeydown,
            })
          : ''
      }
      ${this.error ? html`<div part="message" role="alert">${this.error.msg}</div>` : ''}`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'zego-leave-request': CustomEvent<{ session: RoomSession }>;
    'zego-controls-error': CustomEvent<ZegoErrorInfo>;
  }
}
