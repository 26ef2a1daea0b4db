import { css } from 'lit';
import { tokens } from '../shared.styles.js';

export const roomStyles = [
  tokens,
  css`
    :host {
      display: flex;
      flex-direction: column;
      gap: 12px;
      position: relative;
      min-height: 0;
      background: var(--_bg);
    }
    [part~='status'] {
      padding: 8px 12px;
      border-radius: 8px;
      font-size: 14px;
      background: color-mix(in srgb, var(--_accent) 12%, transparent);
    }
    [part~='status'] {
      display: flex;
      align-items: center;
      gap: 12px;
    }
    [part~='rejoin'] {
      margin-left: auto;
      font: inherit;
    }
    [part~='status'][hidden] {
      display: none;
    }
    [part~='status'].failed,
    [part~='status'].kicked {
      background: color-mix(in srgb, var(--_danger) 15%, transparent);
      color: var(--_fg);
    }
  `,
];
