import type { CSSResult } from 'lit';

/**
 * Adds the styles of a part that loads later (the devices panel, the call's in-call parts) to the
 * shadow root of the element that shows it: a constructed sheet where the browser adopts them, a
 * `<style>` element otherwise.
 */
export function addStyles(root: ShadowRoot, styles: CSSResult): void {
  const sheet = styles.styleSheet;
  if (sheet && root.adoptedStyleSheets) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  else root.append(Object.assign(document.createElement('style'), { textContent: styles.cssText }));
}
