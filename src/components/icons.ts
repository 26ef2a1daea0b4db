import { svg } from 'lit';

/** Small inline icons (24×24 paths), decorative: every use sits beside a text label. */
export const icon = (d: string) => svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d=${d}></path></svg>`;

export const icons = {
  pin: icon('M16 3v2h-1v6l3 3v2h-5v6l-1 1-1-1v-6H6v-2l3-3V5H8V3z'),
  fullscreen: icon('M5 5h5v2H7v3H5zm9 0h5v5h-2V7h-3zM5 14h2v3h3v2H5zm12 0h2v5h-5v-2h3z'),
  mic: icon(
    'M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.92V21h2v-3.08A7 7 0 0 0 19 11z',
  ),
  micOff: icon(
    'M19 11h-2a5 5 0 0 1-.68 2.5l1.46 1.46A6.9 6.9 0 0 0 19 11zM15 11V5a3 3 0 0 0-5.94-.6L15 10.34zM4.27 3 3 4.27l6 6V11a3 3 0 0 0 4.5 2.6l1.6 1.6A5 5 0 0 1 7 11H5a7 7 0 0 0 6 6.92V21h2v-3.08a6.9 6.9 0 0 0 3.5-1.37L19.73 21 21 19.73z',
  ),
  cam: icon('M17 10.5V7a1 1 0 0 0-1-1H4a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1v-3.5l4 4v-11z'),
  camOff: icon(
    'M21 6.5l-4 4V7a1 1 0 0 0-1-1H9.82L21 17.18zM3.27 2 2 3.27 4.73 6H4a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h12c.21 0 .39-.08.55-.18L19.73 21 21 19.73z',
  ),
  screen: icon('M20 18a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2H4a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2H0v2h24v-2zM4 6h16v10H4z'),
  gear: icon(
    'M19.4 13a7.5 7.5 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7 7 0 0 0-1.7-1L15 3h-4l-.3 2.9a7 7 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.5 7.5 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1a7 7 0 0 0 1.7 1L11 21h4l.3-2.9a7 7 0 0 0 1.7-1l2.5 1 2-3.5zM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7z',
  ),
  leave: icon('M10 17l1.4-1.4L8.8 13H20v-2H8.8l2.6-2.6L10 7l-5 5zM4 5h8V3H4a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h8v-2H4z'),
};

/** A raised hand (its own export: only the elements that show hands download it). */
export const hand = /* @__PURE__ */ icon(
  'M6 12V6.5a1.5 1.5 0 0 1 3 0V11h1V4a1.5 1.5 0 0 1 3 0v7h1V5a1.5 1.5 0 0 1 3 0v6h1V8a1.5 1.5 0 0 1 3 0v7a7 7 0 0 1-14 0z',
);

/** Network quality as 1–4 bars (grade 0 excellent … 4 none; -1 unknown). */
export const signalBars = (grade: number) => {
  const bars = grade < 0 ? 0 : Math.max(0, 4 - grade);
  return svg`<svg viewBox="0 0 24 24" aria-hidden="true">${[0, 1, 2, 3].map(
    (i) =>
      svg`<rect x=${2 + i * 6} y=${18 - i * 5} width="4" height=${4 + i * 5} rx="1" opacity=${i < bars ? 1 : 0.3}></rect>`,
  )}</svg>`;
};
