import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The marketer UI: built into ui/dist and served by the gateway at `/`. The library entry keeps
// the stable name `liveseg.js` and its exports, so other pages can embed the elements with
// <script type="module" src="…/liveseg.js"></script>; index.html loads the same module.
export default defineConfig({
  root: 'ui',
  base: './',
  resolve: {
    // The builder only checks regex syntax; the gateway validates with RE2 (see ui/src/lib/regex-engine.ts).
    alias: [{ find: /^\.\/regex-engine\.ts$/, replacement: fileURLToPath(new URL('./src/lib/regex-engine.ts', import.meta.url)) }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: { index: 'ui/index.html', liveseg: 'ui/src/liveseg.ts' },
      preserveEntrySignatures: 'exports-only',
      output: {
        entryFileNames: '[name].js',
        // assets/<name>-<hash> is what the gateway caches as immutable.
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
});
