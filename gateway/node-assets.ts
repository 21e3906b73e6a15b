import { readFile, realpath, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentTypeOf, type AssetLoader } from './assets.ts';

/** Where `npm run build` puts the report UI. */
export const UI_DIST = resolve(fileURLToPath(import.meta.url), '../../ui/dist');

/**
 * Reads files of `root` (Node). Paths come from safeAssetPath already; resolving and checking
 * the prefix again here (symlinks resolved too) means no caller can read outside `root`.
 */
export function nodeAssets(root: string = UI_DIST): AssetLoader {
  const base = resolve(root);
  return async (path) => {
    const file = resolve(base, path);
    if (!file.startsWith(base + sep)) return undefined;
    try {
      // Not cached: ui/dist may be built (or rebuilt) while the gateway runs.
      if (!(await realpath(file)).startsWith((await realpath(base)) + sep)) return undefined;
      if (!(await stat(file)).isFile()) return undefined;
      return { body: new Uint8Array(await readFile(file)), type: contentTypeOf(file) };
    } catch {
      return undefined;
    }
  };
}
