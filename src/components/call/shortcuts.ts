import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RoomSession } from '../../core/session.js';
import { addWords, msg } from '../localize.js';

/** The English words of the keyboard shortcuts: they load with them, when a call starts. */
export const words = {
  microphoneOn: 'Microphone on',
  cameraOn: 'Camera on',
};
addWords(words);

/** What a shortcut does. */
export type ShortcutAction = 'microphone' | 'camera' | 'chat' | 'participants' | 'hand';

/** The keys of `<zego-call>`'s shortcuts: a character (`event.key`, any case), or `''` for none. */
export type ShortcutKeys = Record<ShortcutAction, string>;

export const DEFAULT_KEYS: ShortcutKeys = { microphone: 'm', camera: 'v', chat: 'c', participants: 'p', hand: 'h' };

/** The call's settings the shortcuts read (`<zego-call>`'s properties). */
export interface ShortcutsHost extends ReactiveControllerHost, HTMLElement {
  shortcuts: 'on' | 'off';
  pushToTalk: boolean;
  shortcutKeys: Partial<ShortcutKeys>;
}

/** What the shortcuts do in the call. */
export interface CallHooks {
  /** The session while in the call, undefined before and after. */
  session(): RoomSession | undefined;
  /** Opens or closes a side panel. */
  toggle(which: 'chat' | 'participants'): void;
  /** Says `text` in the call's live region (and shows it briefly). */
  say(text: string): void;
  /** Raises or lowers your hand. */
  raiseHand?(): void;
}

const TILES = 'zego-preview, zego-remote-stream';
const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** Where typing happens, or a key has a meaning of its own (Space on a button): shortcuts stay out. */
function typesThere(el: Element | undefined): boolean {
  return !!el?.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="textbox"]');
}
function pressesThere(el: Element | undefined): boolean {
  return !!el?.closest('button, a[href], summary, [role="button"], [role="checkbox"], [role="switch"]');
}

/**
 * `<zego-call>`'s keyboard shortcuts, on the whole page while in the call: a key toggles the
 * microphone, the camera, the chat or the people panel, or raises and lowers your hand; arrow keys
 * move between tiles; with push-to-talk, holding Space while muted speaks. They stay out of the
 * way: not while typing (an input, a text area, an editable element), not with Ctrl, Alt or Meta
 * (the browser's and the system's shortcuts), not on a key another handler has already taken
 * (`preventDefault()`).
 */
export class Shortcuts implements ReactiveController {
  /** Space is held down for push-to-talk (the microphone goes off again when it is let go). */
  #talking = false;

  constructor(
    private readonly host: ShortcutsHost,
    private readonly call: CallHooks,
  ) {
    // Added to a connected call, it starts listening at once.
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('keydown', this.#onKeyDown);
    document.addEventListener('keyup', this.#onKeyUp);
    addEventListener('blur', this.#stopTalking);
  }

  hostDisconnected(): void {
    document.removeEventListener('keydown', this.#onKeyDown);
    document.removeEventListener('keyup', this.#onKeyUp);
    removeEventListener('blur', this.#stopTalking);
    this.#stopTalking();
  }

  readonly #onKeyDown = (e: KeyboardEvent): void => {
    const { host, call } = this;
    const session = call.session();
    if (host.shortcuts === 'off' || !session || e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey) return;
    const target = e.composedPath()[0] as Element | undefined;
    if (typesThere(target)) return;
    if (e.key in ARROWS) {
      if (this.#moveBetweenTiles(e, ARROWS[e.key]!)) e.preventDefault();
      return;
    }
    if (e.key === ' ' && host.pushToTalk && !pressesThere(target)) {
      e.preventDefault();
      if (!e.repeat && !session.local.microphone && !session.local.microphoneError) {
        this.#talking = true;
        session.setLocal({ microphone: true });
      }
      return;
    }
    if (e.repeat || e.shiftKey) return;
    const key = e.key.toLowerCase();
    const keys = { ...DEFAULT_KEYS, ...host.shortcutKeys };
    const action = (Object.keys(keys) as ShortcutAction[]).find((a) => keys[a] && keys[a].toLowerCase() === key);
    if (!action) return;
    e.preventDefault();
    if (action === 'chat' || action === 'participants') return call.toggle(action);
    if (action === 'hand') return call.raiseHand?.();
    // A device that could not be captured stays off (its button says why).
    const on = !session.local[action] && !session.local[`${action}Error`];
    session.setLocal({ [action]: on });
    call.say(msg(host, action === 'camera' ? (on ? 'cameraOn' : 'cameraOff') : on ? 'microphoneOn' : 'muted'));
  };

  readonly #onKeyUp = (e: KeyboardEvent): void => {
    if (e.key === ' ') this.#stopTalking();
  };

  readonly #stopTalking = (): void => {
    if (!this.#talking) return;
    this.#talking = false;
    this.call.session()?.setLocal({ microphone: false });
  };

  /**
   * From the tile that has the focus (one of its buttons), to the nearest tile in the arrow's
   * direction: focus goes to that tile's first button. Returns whether it moved.
   */
  #moveBetweenTiles(e: KeyboardEvent, [dx, dy]: [number, number]): boolean {
    const path = e.composedPath() as Element[];
    const from = path.find((el) => el instanceof Element && el.matches(TILES));
    const root = from?.getRootNode() as ShadowRoot | undefined;
    if (!from || !root) return false;
    const at = from.getBoundingClientRect();
    const centre = (r: DOMRect) => [r.left + r.width / 2, r.top + r.height / 2] as const;
    const [x0, y0] = centre(at);
    let best: Element | undefined;
    let bestScore = Infinity;
    for (const tile of root.querySelectorAll(TILES)) {
      const box = tile.getBoundingClientRect();
      if (tile === from || !box.width) continue;
      const [x, y] = centre(box);
      const along = (x - x0) * dx + (y - y0) * dy;
      if (along <= 1) continue;
      // Nearest in that direction, keeping to the same row or column where there is one.
      const across = Math.abs((x - x0) * dy) + Math.abs((y - y0) * dx);
      const score = along + 2 * across;
      if (score < bestScore) [best, bestScore] = [tile, score];
    }
    const button = best?.querySelector<HTMLElement>('button');
    button?.focus();
    return !!button;
  }
}
