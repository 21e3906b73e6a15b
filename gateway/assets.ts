/** One file of the built UI. */
export interface Asset {
  body: Uint8Array;
  type: string;
}

/** Reads a file of the built UI by its normalised relative path ("index.html", "assets/x.js"). */
export type AssetLoader = (path: string) => Promise<Asset | undefined>;

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  map: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  ico: 'image/x-icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  txt: 'text/plain; charset=utf-8',
  webmanifest: 'application/manifest+json',
  wasm: 'application/wasm',
};

/** The Content-Type of a file name. */
export const contentTypeOf = (path: string): string =>
  TYPES[path.slice(path.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';

// Vite names built files `<name>-<hash>.<ext>` under assets/: their content never changes.
const HASHED = /^assets\/.+-[\w-]{8,}\.\w+$/;

/** Cache-Control: hashed build files forever, everything else revalidated. */
export const cacheControlOf = (path: string): string => (HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');

/**
 * A URL path as a relative file path inside the UI folder, or undefined when it could escape it
 * or is not a plain file name: no `..`, no empty or dot segments, no backslashes, no NUL,
 * no percent-escapes left after one decoding.
 */
export function safeAssetPath(urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (path === '/' || path === '') return 'index.html';
  const parts = path.replace(/^\/+/, '').split('/');
  for (const p of parts) {
    if (p === '' || p === '.' || p === '..' || p.startsWith('.') || /[\\\0%:]/.test(p) || p.length > 255) return undefined;
  }
  return parts.join('/');
}
