/**
 * Builds what the package exports for plain JavaScript consumers (`npm pack` runs it as
 * `prepack`): `liveseg/producer` compiled to ESM JavaScript with `.d.ts` types, and the types of
 * `liveseg/ui` (whose JavaScript is the Vite bundle ui/dist/liveseg.js, built first when stale). Everything lands in
 * deploy/lib (gitignored, packed), mirroring the source tree; `deploy/lib/producer.js` and
 * `deploy/lib/ui.d.ts` are the entry files the `exports` map of package.json names.
 *
 *   npx tsx deploy/pack/build-lib.ts
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Where the compiled files go. */
export const LIB = join(ROOT, 'deploy/lib');

/** The public names of `liveseg/producer`: the helper, the partition hash, and the input types. */
const PRODUCER = {
  values: { 'actors/bus/producer': ['createProducer', 'Producer'], 'actors/bus/partition': ['fnv1a32', 'partitionOf'] },
  types: { 'actors/types': ['LiveEvent', 'ProfileUpdate'] },
} as const;

const BASE: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  skipLibCheck: true,
  declaration: true,
  // `./producer.ts` in the sources becomes `./producer.js` in the output.
  rewriteRelativeImportExtensions: true,
  allowImportingTsExtensions: true,
  rootDir: ROOT,
  outDir: LIB,
  sourceMap: false,
  removeComments: false,
};

/**
 * Declarations name only packages liveseg depends on: tsc spells the elements' inferred `render()`
 * types as `import("lit-html")`, lit's own dependency, which a consumer's resolver need not see
 * (pnpm, symlinked installs); `lit` re-exports the same types.
 */
const ownDeps = (dts: string) => dts.replaceAll('import("lit-html")', 'import("lit")');

/** Compiles `entries` and what they import; throws with every diagnostic when something is wrong. */
function compile(entries: string[], options: ts.CompilerOptions): void {
  const program = ts.createProgram(
    entries.map((e) => join(ROOT, e)),
    { ...BASE, ...options },
  );
  const result = program.emit(undefined, (file, text, bom) => ts.sys.writeFile(file, file.endsWith('.d.ts') ? ownDeps(text) : text, bom));
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics];
  if (diagnostics.length) {
    const host = { getCanonicalFileName: (f: string) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' };
    throw new Error(`build-lib: the compiler refused the sources:\n${ts.formatDiagnostics(diagnostics, host)}`);
  }
}

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

/** Builds deploy/lib from scratch. */
export function buildLib(): void {
  rmSync(LIB, { recursive: true, force: true });
  mkdirSync(LIB, { recursive: true });
  // The producer runs anywhere (Node, Deno, browsers with a NATS websocket): Web APIs only, like actors/.
  compile(
    Object.keys(PRODUCER.values).map((m) => `${m}.ts`),
    { lib: ['lib.es2023.d.ts', 'lib.webworker.d.ts'], types: [] },
  );
  // The elements' types only; their JavaScript is the Vite bundle (Lit inside), built by `npm run build`.
  compile(['ui/src/liveseg.ts'], {
    emitDeclarationOnly: true,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    // Vite's client types: the elements import their CSS as `?inline` strings.
    types: ['vite/client'],
    experimentalDecorators: true,
    useDefineForClassFields: false,
  });

  const from = (m: string) => `./${relative(LIB, join(LIB, m))}.js`;
  const values = Object.entries(PRODUCER.values).map(([m, names]) => `export { ${names.join(', ')} } from '${from(m)}';`);
  const types = Object.entries(PRODUCER.types).map(([m, names]) => `export type { ${names.join(', ')} } from '${from(m)}';`);
  const header = '// Generated by deploy/pack/build-lib.ts: the entry of `liveseg/producer`.\n';
  writeFileSync(join(LIB, 'producer.js'), `${header}${values.join('\n')}\n`);
  writeFileSync(join(LIB, 'producer.d.ts'), `${header}${[...values, ...types].join('\n')}\n`);
  writeFileSync(
    join(LIB, 'ui.d.ts'),
    "// Generated by deploy/pack/build-lib.ts: the types of `liveseg/ui` (ui/dist/liveseg.js).\nexport * from './ui/src/liveseg.js';\n",
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureUiBundle();
  buildLib();
  console.log(`build-lib: wrote ${relative(ROOT, LIB)}/ (producer.js, producer.d.ts, ui.d.ts)`);
}
