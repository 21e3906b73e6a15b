import { defineConfig } from 'vite';

// The report UI: built into ui/dist, served by the gateway at `/`.
export default defineConfig({
  root: 'ui',
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
