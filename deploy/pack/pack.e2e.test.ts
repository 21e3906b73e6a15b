/**
 * The package as a new user gets it: `npm pack` (which runs `prepack`, the build of deploy/lib),
 * the tarball unpacked into a fresh project's node_modules, and `liveseg/producer` imported from
 * plain Node (no TypeScript loader) and from Deno, publishing events that make entries. Its types
 * are checked by tsc as a TypeScript consumer would see them.
 *
 * The dependencies cannot be installed offline (the npm cache holds no registry metadata), so the
 * tarball is unpacked as npm would and each of liveseg's dependencies is a symlink to this
 * checkout's node_modules; Node resolves their own dependencies from there.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestSystem, type TestSystem } from '../testing/system.ts';

const exec = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DENO = join(ROOT, 'node_modules/.bin/deno');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

/** What a user writes: the README's example, as plain JavaScript. */
const PUBLISH_JS = `
import { connect } from '@nats-io/transport-node';
import { createProducer, partitionOf } from 'liveseg/producer';

const [userId, id] = process.argv.slice(2);
const nc = await connect({ servers: process.env.NATS_URL });
const producer = await createProducer(nc);
const ack = await producer.publishEvent({ id, userId, name: 'Packed Event', ts: Date.now(), props: { via: 'package' } });
console.log(JSON.stringify({ stream: ack.stream, partition: partitionOf(userId, producer.partitions) }));
await nc.close();
`;

/** A TypeScript consumer: the types must describe the API (and reject misuse, see below). */
const CHECK_TS = `
import type { NatsConnection } from '@nats-io/nats-core';
import { createProducer, fnv1a32, partitionOf, Producer, type LiveEvent, type ProfileUpdate } from 'liveseg/producer';
import type { LivesegReport } from 'liveseg/ui';

export async function send(nc: NatsConnection): Promise<number> {
  const producer: Producer = await createProducer(nc);
  const ev: LiveEvent = { id: 'e', userId: 'u', name: 'N', ts: 0, props: {} };
  const update: ProfileUpdate = { userId: 'u', props: { email: 'a@example.com' } };
  await producer.publishEvent(ev);
  await producer.publishProfile(update);
  return partitionOf('u', producer.partitions) + fnv1a32('u');
}
export type Report = LivesegReport;
`;

describe('the npm package: liveseg/producer from a plain Node 20 project', () => {
  let dir: string;
  let app: string;
  let files: string[];
  let sys: TestSystem;
  let segmentId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'liveseg-pack-'));
    // `npm pack` runs `prepack`, deploy/pack/build-lib.ts (and the UI build, when ui/dist is stale).
    execFileSync('npm', ['pack', '--pack-destination', dir], {
      cwd: ROOT,
      stdio: 'pipe',
      timeout: 240_000,
      env: { ...process.env, NODE_ENV: 'production' },
    });
    const tarball = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz'))!);
    files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n');

    app = join(dir, 'app');
    const pkg = join(app, 'node_modules/liveseg');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    execFileSync('tar', ['-xzf', tarball, '-C', pkg, '--strip-components=1']);
    const deps = Object.keys(JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).dependencies);
    for (const dep of deps) {
      mkdirSync(dirname(join(app, 'node_modules', dep)), { recursive: true });
      symlinkSync(join(ROOT, 'node_modules', dep), join(app, 'node_modules', dep), 'dir');
    }
    writeFileSync(join(app, 'publish.mjs'), PUBLISH_JS);

    sys = await startTestSystem({ partitions: 4 });
    const created = await sys.http('POST', '/v1/segments', { name: 'Packed', trigger: { kind: 'action', event: 'Packed Event' } });
    expect(created.status).toBe(201);
    segmentId = created.json.id;
  }, 300_000);

  afterAll(async () => {
    await sys?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('packs the compiled producer, the UI bundle and their types, and no build scripts or tests', () => {
    for (const f of ['deploy/lib/producer.js', 'deploy/lib/producer.d.ts', 'deploy/lib/actors/bus/producer.js', 'deploy/lib/ui.d.ts']) {
      expect(files).toContain(`package/${f}`);
    }
    expect(files).toContain('package/ui/dist/liveseg.js');
    expect(files.filter((f) => f.includes('deploy/pack/') || f.endsWith('.test.ts'))).toEqual([]);
  });

  /** Runs publish.mjs with `runtime` and waits for the entry it makes. */
  const publishAndEnter = async (runtime: string[], userId: string) => {
    // A clean environment: no NODE_OPTIONS (vitest's loaders), so nothing can transpile TypeScript.
    const { stdout } = await exec(runtime[0], [...runtime.slice(1), 'publish.mjs', userId, `${userId}-e1`], {
      cwd: app,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NATS_URL: sys.nats.url },
      timeout: 60_000,
    });
    const printed = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(printed.stream).toBe('LIVESEG_IN');
    const entry = await eventually(async () => (await sys.entries()).find((e) => e.segmentId === segmentId && e.userId === userId), 15_000);
    expect(entry.cause).toMatchObject({ eventId: `${userId}-e1`, kind: 'action' });
  };

  it('imports liveseg/producer from plain node and publishes an event that makes an entry', async () => {
    await publishAndEnter([process.execPath], 'packed-node-user');
  }, 60_000);

  it('works from Deno too, through the same exports map', async () => {
    await publishAndEnter([DENO, 'run', '--allow-net', '--allow-env', '--allow-read', '--allow-sys'], 'packed-deno-user');
  }, 90_000);

  it('bundles liveseg/ui with a bundler (Vite): the elements, defined on import', async () => {
    writeFileSync(join(app, 'page.js'), "import { LivesegReport } from 'liveseg/ui';\nwindow.report = LivesegReport;\n");
    const { build } = await import('vite');
    await build({
      root: app,
      configFile: false,
      logLevel: 'warn',
      build: { outDir: join(app, 'out'), minify: false, lib: { entry: join(app, 'page.js'), formats: ['es'], fileName: () => 'page.js' } },
    });
    const bundled = readdirSync(join(app, 'out'))
      .map((f) => readFileSync(join(app, 'out', f), 'utf8'))
      .join('\n');
    expect(bundled).toContain('liveseg-report');
    expect(bundled).toContain('customElements');
  }, 120_000);

  it('no longer exposes the TypeScript sources as an import path', async () => {
    writeFileSync(join(app, 'deep.mjs'), "await import('liveseg/actors/bus/index.ts');");
    const err = await exec(process.execPath, ['deep.mjs'], { cwd: app }).catch((e: { stderr: string }) => e);
    expect((err as { stderr: string }).stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  it('has types a TypeScript project resolves through the exports map (liveseg/producer and liveseg/ui)', async () => {
    writeFileSync(join(app, 'check.ts'), CHECK_TS);
    writeFileSync(join(app, 'wrong.ts'), "import { createProducer } from 'liveseg/producer';\nexport const p: string = createProducer;\n");
    const tsconfig = (files: string[]) =>
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          lib: ['esnext', 'dom'],
        },
        files,
      });
    writeFileSync(join(app, 'tsconfig.json'), tsconfig(['check.ts']));
    await exec(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: app, timeout: 120_000 });
    writeFileSync(join(app, 'tsconfig.json'), tsconfig(['wrong.ts']));
    const wrong = await exec(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: app, timeout: 120_000 }).catch(
      (e: { stdout: string }) => e,
    );
    expect((wrong as { stdout: string }).stdout).toContain("is not assignable to type 'string'");
  }, 180_000);
});
