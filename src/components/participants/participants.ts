import { html, type PropertyValues, type PropertyDeclarations } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { SessionController } from '../../core/controllers/session-controller.js';
import type { RoomSession, Topic } from '../../core/session.js';
import { addWords, initials, type MessageKey, msg } from '../localize.js';
import { words } from './words.js';
import { ZegoElement } from '../zego-element.js';
import { hand, icons, signalBars } from '../icons.js';
import { participantsStyles } from './participants.styles.js';
import { matching, people, type Person } from './people.js';

addWords(words);

const MOVES: Record<string, (at: number, last: number) => number> = {
  ArrowDown: (at, last) => Math.min(at + 1, last),
  ArrowUp: (at) => Math.max(at - 1, 0),
  Home: () => 0,
  End: (_, last) => last,
};

/**
 * Everyone in the room, you first, then raised hands in the order they went up, then the others in
 * the order they joined — people who publish nothing included. Each row shows initials, the name,
 * the microphone and camera state, a speaking ring, network quality and a mark while they share
 * their screen or raise a hand (`zego-elements/gestures`); the states are in words for screen
 * readers too. Above a number of people (`search-threshold`) a search box filters the list
 * by name. The list is one tab stop: Up, Down, Home and End move between the rows.
 *
 * Microphone and camera come from each person's camera stream (`<userID>_main`): no stream, no
 * microphone. Speaking and network quality are measured on the streams this page plays (a
 * `<zego-stream-grid>` plays them), so they read "unknown" until then; yours come from your own
 * capture and uplink.
 *
 * @summary The people in the call and what each of them shares.
 *
 * @tagname zego-participants
 *
 * @csspart header - The title and the count.
 * @csspart count - How many people are in the call.
 * @csspart search - The search box (shown above `search-threshold` people).
 * @csspart list - The list of people.
 * @csspart row - One person; yours also has `self`.
 * @csspart self - Your own row.
 * @csspart avatar - A person's initials; `speaking` is a class while they speak.
 * @csspart name - A person's name (an ellipsis when long; the full name is its tooltip).
 * @csspart state - Each state icon, also named `microphone`, `camera`, `presenting`, `hand` or `quality`; `off` is a class on a microphone or camera that is off.
 * @csspart microphone - The microphone state.
 * @csspart camera - The camera state.
 * @csspart presenting - The mark shown while someone shares their screen.
 * @csspart hand - The mark shown while someone's hand is raised.
 * @csspart quality - The network quality bars.
 * @csspart empty - "No one matches", when the search finds no one.
 *
 * @cssproperty --zego-background - Background of the list.
 * @cssproperty --zego-foreground - Text colour.
 * @cssproperty --zego-muted-foreground - Colour of the count and the state icons.
 * @cssproperty --zego-avatar-background - Background of the initials.
 * @cssproperty --zego-speaking-color - Ring around the initials of whoever speaks.
 * @cssproperty --zego-danger - Colour of a microphone that is off.
 * @cssproperty --zego-accent - Colour of the presenting mark.
 * @cssproperty --zego-hand-color - Colour of the raised-hand mark.
 * @cssproperty --zego-focus-ring - Focus ring of the rows and the search box.
 */
export class ZegoParticipants extends ZegoElement {
  static override properties: PropertyDeclarations = {
    searchThreshold: { type: Number, attribute: 'search-threshold' },
    query: { state: true },
    current: { state: true },
  };
  static override styles = participantsStyles;

  /** Show the search box when the call has more people than this (default 8). */
  searchThreshold = 8;

  /** The search box's text. */
  private query = '';
  /** The row that is the list's tab stop (roving tabindex). */
  private current = 'self';

  /** Everyone, as last read from the session; replaced only when something shown changed. */
  #everyone: Person[] = [];
  #signature = '';
  /** The rows to show: everyone, or those the search finds. */
  #listed: Person[] = [];
  /** A row to focus once rendered: the focused person left, and focus stays in the list at their place. */
  #refocus = '';

  readonly #ctl = new SessionController(
    this,
    (s) => this.#topics(s),
    () => this.#read(),
  );

  /** The list, the streams and each remote stream (microphone, camera, sound level, quality). */
  #topics(session: RoomSession): Topic[] {
    return ['users', 'streams', 'local', 'gestures', ...[...session.streams.keys()].map((id): Topic => `stream:${id}`)];
  }

  /**
   * Reads the people from the session and re-renders only if something a row shows changed: a
   * sound level that moves while someone keeps speaking (or silent) costs no render.
   */
  #read(): void {
    this.#ctl.refresh(); // follows the streams: one topic each
    const session = this.#ctl.session;
    const everyone = session ? people(session) : [];
    const signature = JSON.stringify(everyone);
    if (signature === this.#signature) return;
    this.#signature = signature;
    this.#everyone = everyone;
    this.requestUpdate();
  }

  /** The search box shows above `search-threshold` people; its text filters only while it shows. */
  get #searching(): boolean {
    return this.#everyone.length > this.searchThreshold;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('session')) this.#ctl.refresh();
    this.#listed = this.#searching ? matching(this.#everyone, this.query) : this.#everyone;
    // The focused person is leaving the list: the row that takes their place gets the focus.
    const active = this.shadowRoot?.activeElement as HTMLElement | null | undefined;
    const key = active?.dataset['key'];
    if (key && !this.#listed.some((p) => p.key === key)) {
      const next = this.#listed[Math.min(this.#rows().indexOf(active!), this.#listed.length - 1)];
      if (next) this.current = this.#refocus = next.key;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#refocus)
      this.#rows()
        .find((r) => r.dataset['key'] === this.#refocus)
        ?.focus();
    this.#refocus = '';
  }

  #rows(): HTMLElement[] {
    return [...(this.shadowRoot?.querySelectorAll<HTMLElement>('[part~="row"]') ?? [])];
  }

  readonly #onKeyDown = (event: KeyboardEvent): void => {
    const move = MOVES[event.key];
    const rows = this.#rows();
    const at = rows.indexOf(event.target as HTMLElement);
    if (!move || at < 0) return;
    event.preventDefault();
    this.#focusRow(rows[move(at, rows.length - 1)]);
  };

  #focusRow(row: HTMLElement | undefined): void {
    if (!row) return;
    this.current = row.dataset['key'] ?? this.current;
    row.focus();
  }

  readonly #onFocusIn = (event: FocusEvent): void => {
    const key = (event.target as HTMLElement).dataset['key'];
    if (key) this.current = key;
  };

  readonly #onSearch = (event: Event): void => {
    this.query = (event.target as HTMLInputElement).value;
  };

  /** Down from the search box goes to the first row. */
  readonly #onSearchKey = (event: KeyboardEvent): void => {
    if (event.key !== 'ArrowDown') return;
    event.preventDefault();
    this.#focusRow(this.#rows()[0]);
  };

  /** "Ada (you)"; a user named "You" is just that (never "You (you)"). */
  #label(person: Person): string {
    if (!person.self) return person.name;
    const you = msg(this, 'you');
    if (!person.name) return you;
    return person.name.toLowerCase() === you.toLowerCase() ? person.name : `${person.name} (${you})`;
  }

  /** What a row says beyond the name, in words (for screen readers; the icons say it to the eye). */
  #words(person: Person, quality: string): string[] {
    return [
      person.microphone ? '' : msg(this, 'muted'),
      person.camera ? '' : msg(this, 'cameraOff'),
      person.speaking ? msg(this, 'speaking') : '',
      person.presenting ? msg(this, 'presentingState') : '',
      person.hand ? msg(this, 'handUp') : '',
      quality,
    ].filter(Boolean);
  }

  #row(person: Person, index: number, tabStop: string) {
    const name = this.#label(person);
    const grade = person.quality >= 0 && person.quality <= 4 ? person.quality : -1;
    const quality = msg(this, 'quality', {
      grade: msg(this, (grade < 0 ? 'gradeUnknown' : `grade${grade}`) as MessageKey),
    });
    // Tooltips: the device's name while on, "… off" while off.
    const mic = msg(this, person.microphone ? 'microphone' : 'muted');
    const camera = msg(this, person.camera ? 'camera' : 'cameraOff');
    return html`<div
      part=${person.self ? 'row self' : 'row'}
      role="listitem"
      tabindex=${person.key === tabStop ? 0 : -1}
      data-key=${person.key}
      aria-labelledby=${`p${index} p${index}-states`}
    >
      <span part="avatar" class=${person.speaking ? 'speaking' : ''} aria-hidden="true">${initials(person.name)}</span>
      <span part="name" id=${`p${index}`} title=${name}>${name}</span>
      <span class="sr-only" id=${`p${index}-states`}>, ${this.#words(person, quality).join(', ')}</span>
      ${person.hand ? html`<span part="state hand" title=${msg(this, 'handUp')} aria-hidden="true">${hand}</span>` : ''}
      ${
        person.presenting
          ? html`<span part="state presenting" title=${msg(this, 'presentingState')} aria-hidden="true"
              >${icons.screen}</span
            >`
          : ''
      }
      <span part="state microphone" class=${person.microphone ? '' : 'off'} title=${mic} aria-hidden="true"
        >${person.microphone ? icons.mic : icons.micOff}</span
      >
      <span part="state camera" class=${person.camera ? '' : 'off'} title=${camera} aria-hidden="true"
        >${person.camera ? icons.cam : icons.camOff}</span
      >
      <span part="state quality" title=${quality} aria-hidden="true">${signalBars(grade)}</span>
    </div>`;
  }

  protected override render() {
    const session = this.#ctl.session;
    const count = this.#everyone.length;
    const shown = this.#listed;
    const tabStop = shown.some((p) => p.key === this.current) ? this.current : (shown[0]?.key ?? '');
    return html`<div part="header">
        <span class="title" id="title">${msg(this, 'participants')}</span>
        <span part="count" aria-live="polite"
          >${count === 1 ? msg(this, 'onePerson') : msg(this, 'people', { count })}</span
        >
      </div>
      ${
        this.#searching
          ? html`<input
              part="search"
              type="search"
              autocomplete="off"
              .value=${this.query}
              placeholder=${msg(this, 'searchPeople')}
              aria-label=${msg(this, 'searchPeople')}
              @input=${this.#onSearch}
              @keydown=${this.#onSearchKey}
            />`
          : ''
      }
      <div
        part="list"
        role="list"
        aria-labelledby="title"
        ?hidden=${!shown.length}
        @keydown=${this.#onKeyDown}
        @focusin=${this.#onFocusIn}
      >
        ${repeat(
          shown,
          (p) => p.key,
          (p, i) => this.#row(p, i, tabStop),
        )}
      </div>
      <p part="empty" role="status">${session && !shown.length ? msg(this, 'noMatch') : ''}</p>`;
  }
}
