// The React example, built with `npm run build:examples` into dist/ (relative asset paths, so it also
// runs from any folder, e.g. the browser tests' server). `zego-elements` resolves to this package
// itself (its `exports`, i.e. the built dist/), as it would from node_modules in an app.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // ZEGO's SDK (≈2 MB) is a lazy chunk, loaded only by provider="zego".
    chunkSizeWarningLimit: 2500,
  },
});
