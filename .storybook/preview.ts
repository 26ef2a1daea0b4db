import type { Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import '../dist/define.js';

// The manifest (built by `npm run manifest`) feeds the autodocs tables: attributes, properties,
// events, slots, parts and CSS properties.
const manifests = import.meta.glob('../custom-elements.json', { eager: true, import: 'default' });
const manifest = Object.values(manifests)[0];
if (manifest) setCustomElementsManifest(manifest);

const themes: Record<string, string> = {
  light:
    '--zego-background:#f4f5f7;--zego-foreground:#1d2129;--zego-tile-background:#2b2f36;color-scheme:light;background:#f4f5f7;',
  dark: '--zego-background:#16181d;--zego-foreground:#e8eaed;--zego-tile-background:#24272e;color-scheme:dark;background:#16181d;',
};

const preview: Preview = {
  tags: ['autodocs'],
  globalTypes: {
    theme: {
      description: 'Colour theme',
      toolbar: { title: 'Theme', icon: 'mirror', items: ['auto', 'light', 'dark'], dynamicTitle: true },
    },
    locale: {
      description: 'Language of the elements',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: ['en', 'zh-CN', 'ja', 'ko', 'es', 'fr', 'de', 'pt-BR'],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'auto', locale: 'en' },
  decorators: [
    (story, context) =>
      html`<div
        lang=${context.globals.locale ?? 'en'}
        style="padding:12px;min-height:360px;display:flex;flex-direction:column;${themes[context.globals.theme] ?? ''}"
      >
        ${story()}
      </div>`,
  ],
  parameters: { layout: 'fullscreen', controls: { expanded: true } },
};
export default preview;
