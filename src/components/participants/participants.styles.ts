import { css } from 'lit';
import { tokens } from '../shared.styles.js';

export const participantsStyles = [
  tokens,
  css`
    :host {
      display: flex;
      flex-direction: column;
      gap: 8px;
      min-height: 0;
      padding: 12px 8px;
      box-sizing: border-box;
      background: var(--_bg);
      font-size: 14px;
    }
    [part~='header'] {
      display: flex;
      align-items: baseline;
      gap: 8px;
      padding: 0 8px;
    }
    .title {
      font-weight: 600;
    }
    [part~='count'] {
      color: var(--_muted);
      font-size: 13px;
    }
    [part~='search'] {
      margin: 0 8px;
      padding: 6px 10px;
      font: inherit;
      color: inherit;
      background: transparent;
      border: 1px solid color-mix(in srgb, var(--_fg) 30%, transparent);
      border-radius: 6px;
    }
    [part~='search']::placeholder {
      color: var(--_muted);
    }
    [part~='list'] {
      flex: 1;
      min-height: 0;
      overflow-y: auto;
      display: flex;
      flex-direction: column;
      gap: 2px;
      /* Room for the focus ring of the first and last rows. */
      padding: 3px;
    }
    [part~='row'] {
      display: flex;
      align-items: center;
      gap: 10px;
      padding: 6px 8px;
      border-radius: 8px;
      outline: none;
    }
    [part~='row']:hover {
      background: color-mix(in srgb, var(--_fg) 6%, transparent);
    }
    [part~='row']:focus-visible,
    [part~='search']:focus-visible {
      outline: none;
      box-shadow: var(--_focus);
    }
    [part~='avatar'] {
      flex: none;
      width: 32px;
      height: 32px;
      border-radius: 50%;
      display: grid;
      place-items: center;
      font-size: 12px;
      font-weight: 600;
      color: #fff;
      /* A shade darker than the tiles' (whose initials are large): small white initials keep 4.5:1. */
      background: var(--zego-avatar-background, #5166dc);
      box-shadow: 0 0 0 2px transparent;
      transition: box-shadow 0.15s;
    }
    /* Speaking: a ring in the speaking colour, as the tiles' outline. */
    [part~='avatar'].speaking {
      box-shadow:
        0 0 0 2px var(--_bg),
        0 0 0 4px var(--zego-speaking-color, var(--_ok));
    }
    /* A long name gives way (ellipsis, full name in its tooltip); the states keep their room. */
    [part~='name'] {
      flex: 1;
      min-width: 0;
      overflow: hidden;
      white-space: nowrap;
      text-overflow: ellipsis;
    }
    [part~='state'] {
      flex: none;
      display: inline-flex;
      color: var(--_muted);
    }
    [part~='microphone'].off {
      color: var(--_danger);
    }
    [part~='presenting'] {
      color: var(--_accent);
    }
    [part~='hand'] {
      color: var(--zego-hand-color, #e8a317);
    }
    [part~='state'] svg {
      width: 18px;
      height: 18px;
      fill: currentColor;
    }
    [part~='empty'] {
      margin: 0;
      padding: 16px 8px;
      text-align: center;
      color: var(--_muted);
    }
    /* The live region stays in the page (so its words are announced when they come), taking no room. */
    [part~='empty']:empty {
      padding: 0;
    }
  `,
];
