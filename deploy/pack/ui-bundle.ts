/** The UI bundle (ui/dist), built when stale: by the package build and by the browser tests. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The newest modification time of a file, or of anything under a directory. */
function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/**
 * Builds the UI bundle (`npm run build`, ui/dist) unless it is newer than every UI source. An
 * up-to-date bundle is left alone: rebuilding empties ui/dist for a moment, which a running
 * `liveseg dev` (the browser tests run beside the pack test) would serve as missing files.
 */
export function ensureUiBundle(): void {
  const out = join(ROOT, 'ui/dist/liveseg.js');
  const sources = Math.max(newestMtime(join(ROOT, 'ui/src')), newestMtime(join(ROOT, 'ui/index.html')));
  if (existsSync(out) && statSync(out).mtimeMs >= sources) return;
  // A test runner's NODE_ENV=test would make Vite bundle Lit's development build.
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
