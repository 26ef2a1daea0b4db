import { css } from 'lit';

/** Theme tokens shared by every element: light and dark via `prefers-color-scheme`. */
export const tokens = css`
  :host {
    --_bg: var(--zego-background, #f4f5f7);
    --_fg: var(--zego-foreground, #1d2129);
    --_muted: var(--zego-muted-foreground, #5c6370);
    --_tile: var(--zego-tile-background, #2b2f36);
    --_accent: var(--zego-accent, #0055ff);
    --_danger: var(--zego-danger, #d32f2f);
    --_ok: var(--zego-success, #1fa971);
    --_radius: var(--zego-tile-radius, 10px);
    --_font: var(--zego-font-family, system-ui, -apple-system, 'Segoe UI', 'PingFang SC', sans-serif);
    --_focus: var(--zego-focus-ring, 0 0 0 3px color-mix(in srgb, var(--_accent) 55%, transparent));
    font-family: var(--_font);
    color: var(--_fg);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_bg: var(--zego-background, #16181d);
      --_fg: var(--zego-foreground, #e8eaed);
      --_muted: var(--zego-muted-foreground, #a0a6b1);
      --_tile: var(--zego-tile-background, #24272e);
    }
  }
  [hidden] {
    display: none !important;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/** The inside of a tile: video filling a rounded box, with an avatar and a label over it. */
export const tileParts = css`
  [part~='base'] {
    position: absolute;
    inset: 0;
    border-radius: var(--_radius);
    overflow: hidden;
    background: var(--_tile);
    outline: 3px solid transparent;
    outline-offset: -3px;
    transition: outline-color 0.15s;
    container-type: inline-size;
  }
  [part~='base'].speaking {
    outline-color: var(--zego-speaking-color, var(--_ok));
  }
  video {
    width: 100%;
    height: 100%;
    object-fit: var(--_fit, cover);
    display: block;
  }
  /* Hidden without display:none, so the element keeps playing and shows the first frame at once. */
  video.off {
    visibility: hidden;
  }
  [part~='avatar'] {
    position: absolute;
    inset: 0;
    margin: auto;
    width: 34%;
    aspect-ratio: 1;
    max-width: 96px;
    border-radius: 50%;
    display: grid;
    place-items: center;
    font-size: clamp(14px, 4vw, 32px);
    font-weight: 600;
    color: #fff;
    background: var(--zego-avatar-background, #5b6ee1);
  }
  [part~='label'] {
    position: absolute;
    left: 8px;
    bottom: 8px;
    max-width: calc(100% - 16px);
    box-sizing: border-box;
    display: flex;
    gap: 6px;
    align-items: center;
    padding: 2px 8px;
    border-radius: 6px;
    font-size: 13px;
    color: #fff;
    background: rgb(0 0 0 / 0.5);
    white-space: nowrap;
    overflow: hidden;
  }
  /* A long name gives way (ellipsis, full name in its tooltip); the icons and bars keep their room. */
  [part~='label'] .name {
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  [part~='label'] > :not(.name) {
    flex: none;
  }
  /* Muted is seen at a glance, not only as the small icon in the pill. */
  [part~='muted'] {
    position: absolute;
    top: 8px;
    left: 8px;
    width: 28px;
    height: 28px;
    border-radius: 50%;
    display: grid;
    place-items: center;
    color: #fff;
    background: var(--_danger);
  }
  [part~='muted'] svg {
    width: 16px;
    height: 16px;
  }
  [part~='warning'] {
    position: absolute;
    top: 8px;
    right: 8px;
    max-width: calc(100% - 60px);
    box-sizing: border-box;
    padding: 2px 8px;
    border-radius: 6px;
    font-size: 13px;
    color: #1d2129;
    background: #ffd54f;
  }
  /* Why there is no video (camera off, audio only, nothing shared), under the initials. */
  [part~='state'] {
    position: absolute;
    inset: auto 8px 40px 8px;
    text-align: center;
    font-size: 13px;
    color: #fff;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    text-shadow: 0 1px 2px rgb(0 0 0 / 0.6);
  }
  @container (max-width: 180px) {
    [part~='state'] {
      display: none;
    }
  }
  [part~='message'] {
    position: absolute;
    inset: auto 8px 40px 8px;
    padding: 8px 10px;
    border-radius: 6px;
    font-size: 13px;
    color: #fff;
    background: rgb(0 0 0 / 0.65);
  }
  svg {
    width: 14px;
    height: 14px;
    flex: none;
    fill: currentColor;
  }
`;

/** A tile element: its host keeps the tile's shape; its parts as {@link tileParts}. */
export const tileStyles = [
  css`
    :host {
      display: block;
      position: relative;
      min-width: 0;
      min-height: 0;
      aspect-ratio: var(--zego-tile-aspect-ratio, 4 / 3);
    }
  `,
  tileParts,
];
