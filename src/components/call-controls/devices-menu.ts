import { css, html } from 'lit';
import type { RoomSession } from '../../core/session.js';
import type { ZegoDeviceInfo, ZegoDeviceInfos } from '../../core/engine.js';
import type { Capabilities } from '../../core/capabilities.js';
import { errorCodeOf, messageOf } from '../../core/errors.js';
import { DEVICE_NOT_READABLE } from '../../core/codes.js';
import { addWords, msg } from '../localize.js';
import { addStyles } from '../lazy-styles.js';

/** The English words of the panel's own switches: they load with it. */
export const words = {
  noiseSuppression: 'Noise suppression',
  echoCancellation: 'Echo cancellation',
  speaker: 'Speaker',
  chooseSpeaker: 'Choose a speaker…',
  speakerFailed: 'The sound could not be played on that speaker.',
};
addWords(words);

/** The microphone's processing switches: ZEGO's name and the browser's constraint (and the words). */
const PROCESSING = [
  ['ANS', 'noiseSuppression'],
  ['AEC', 'echoCancellation'],
] as const;

/**
 * The controls' devices panel (camera, microphone and speaker pickers, noise suppression and echo
 * cancellation): loaded the first time it opens, so that a call that never opens it does not
 * download it.
 */
export interface DevicesMenu {
  session: RoomSession;
  devices: ZegoDeviceInfos;
  can: Capabilities;
  /** Says what went wrong (`zego-controls-error` and the controls' message). */
  report(code: number, words?: string): void;
  /** The devices were listed again (Firefox lists speakers once one is chosen). */
  relisted(devices: ZegoDeviceInfos): void;
  keydown(e: KeyboardEvent): void;
}

type Kind = 'cameraDevice' | 'microphoneDevice' | 'speakerDevice';

const styles = css`
  /* A popover over the call, above the bar (below it when there is no room above). */
  [part~='menu'] {
    position: absolute;
    z-index: 10;
    left: 50%;
    bottom: calc(100% + 8px);
    transform: translateX(-50%);
    box-sizing: border-box;
    width: min(420px, 100vw - 16px);
    max-height: calc(100vh - 16px);
    overflow: auto;
    display: grid;
    gap: 8px;
    padding: 12px;
    border-radius: 10px;
    background: var(--_bg);
    box-shadow: 0 4px 18px rgb(0 0 0 / 0.2);
  }
  [part~='menu'].below {
    bottom: auto;
    top: calc(100% + 8px);
  }
  label {
    display: grid;
    gap: 4px;
    font-size: 13px;
  }
  [part~='select'] {
    font: inherit;
    padding: 6px;
    border-radius: 6px;
  }
  /* A switch: the box before its words. */
  label.switch {
    display: flex;
    align-items: center;
    gap: 8px;
  }
  [part~='select']:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
`;

/** Gives the controls' shadow root the panel's styles (they come with its code). */
export const adoptStyles = (root: ShadowRoot): void => addStyles(root, styles);

/** Inside the viewport: below the bar when there is no room above it, moved sideways when the bar is off centre. */
export function place(menu: HTMLElement): void {
  if (menu.getBoundingClientRect().top < 0) menu.classList.add('below');
  const box = menu.getBoundingClientRect();
  const shift = box.left < 8 ? 8 - box.left : Math.min(0, innerWidth - 8 - box.right);
  if (shift) menu.style.translate = `${shift}px 0`;
  menu.querySelector('select')?.focus();
}

/** A speaker is tried first: one that cannot play keeps the current one, and says so. */
async function canPlayOn(m: DevicesMenu, el: Element, deviceID: string): Promise<boolean> {
  try {
    await (document.createElement('audio') as HTMLAudioElement & { setSinkId(id: string): Promise<void> }).setSinkId(
      deviceID,
    );
    return true;
  } catch (err) {
    m.report(DEVICE_NOT_READABLE, `${msg(el, 'speakerFailed')} (${messageOf(err)})`);
    return false;
  }
}

async function pick(m: DevicesMenu, el: Element, kind: Kind, e: Event): Promise<void> {
  const select = e.target as HTMLSelectElement;
  const value = select.value;
  if (kind === 'speakerDevice' && !(await canPlayOn(m, el, value))) {
    select.value = m.session.local.speakerDevice ?? '';
    return;
  }
  m.session.setLocal({ [kind]: value });
}

/** Firefox lists speakers only once the user picked one in its own prompt (`selectAudioOutput`). */
async function chooseSpeaker(m: DevicesMenu): Promise<void> {
  const media = navigator.mediaDevices as MediaDevices & { selectAudioOutput(): Promise<MediaDeviceInfo> };
  try {
    const { deviceId } = await media.selectAudioOutput();
    m.session.setLocal({ speakerDevice: deviceId });
    m.relisted(await m.session.engine.enumDevices());
  } catch (err) {
    // Dismissing the prompt is no error; anything else is said.
    if ((err as { name?: string })?.name !== 'NotAllowedError') m.report(errorCodeOf(err) ?? DEVICE_NOT_READABLE);
  }
}

/**
 * The switches this browser has (`getSupportedConstraints`), while there is a microphone. The
 * choice is kept for every capture and applied live by `<zego-preview>` (which says so on your
 * tile, and puts it back, if the microphone cannot be opened with it).
 */
function processingSwitches(m: DevicesMenu, el: Element) {
  const supported: MediaTrackSupportedConstraints =
    globalThis.navigator?.mediaDevices?.getSupportedConstraints?.() ?? {};
  if (m.session.local.microphoneError) return '';
  return PROCESSING.filter(([, name]) => supported[name]).map(
    ([key, name]) =>
      html`<label class="switch"
        ><input
          type="checkbox"
          part=${`switch ${name}`}
          .checked=${m.session.local.processing?.[key] !== false}
          @change=${(e: Event) =>
            m.session.setLocal({
              processing: { ...m.session.local.processing, [key]: (e.target as HTMLInputElement).checked },
            })}
        />${msg(el, name)}</label
      >`,
  );
}

function select(m: DevicesMenu, el: Element, label: string, kind: Kind, list: ZegoDeviceInfo[]) {
  const current = m.session.local[kind] ?? '';
  return html`<label
    >${label}
    <select part="select" @change=${(e: Event) => void pick(m, el, kind, e)}>
      ${list.map(
        (d, i) =>
          html`<option value=${d.deviceID} ?selected=${d.deviceID === current}>
            ${d.deviceName || `${label} ${i + 1}`}
          </option>`,
      )}
    </select></label
  >`;
}

export function renderMenu(el: Element, m: DevicesMenu) {
  const { devices, can } = m;
  return html`<div part="menu" id="menu" role="group" aria-label=${msg(el, 'devices')} @keydown=${m.keydown}>
    ${select(m, el, msg(el, 'camera'), 'cameraDevice', devices.cameras)}
    ${select(m, el, msg(el, 'microphone'), 'microphoneDevice', devices.microphones)}
    ${
      !can.speakerSelection
        ? ''
        : devices.speakers.length
          ? select(m, el, msg(el, 'speaker'), 'speakerDevice', devices.speakers)
          : can.selectAudioOutput
            ? html`<button part="choose-speaker" type="button" @click=${() => void chooseSpeaker(m)}>
                ${msg(el, 'chooseSpeaker')}
              </button>`
            : ''
    }
    ${processingSwitches(m, el)}
  </div>`;
}
