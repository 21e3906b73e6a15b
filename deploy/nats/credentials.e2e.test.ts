import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { createAccount, createOperator, createUser, type KeyPair } from '@nats-io/nkeys';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startNatsServer, writeServerConfig, type NatsServer } from './index.ts';

const exec = promisify(execFile);
const BIN = resolve(import.meta.dirname, '../bin/liveseg.mjs');
// Whatever credentials the developer's shell has must not leak into these runs.
const CLEAN = Object.fromEntries(
  Object.keys(process.env)
    .filter((k) => !k.startsWith('NATS_'))
    .map((k) => [k, process.env[k] as string]),
);

async function liveseg(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { env: { ...CLEAN, ...env }, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Exit 1 with one line on stderr, no stack, no secret. */
function refused(r: { code: number; stderr: string }, message: RegExp, secret?: string) {
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  if (secret) expect(r.stderr).not.toContain(secret);
}

const openssl = (dir: string, ...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });

/** A CA, a server certificate for 127.0.0.1 and a client certificate, all made here. */
function makeCertificates(dir: string): void {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(dir, 'req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=liveseg test CA');
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const who of ['server', 'client']) {
    openssl(dir, 'req', ...ec, '-keyout', `${who}.key`, '-out', `${who}.csr`, '-subj', `/CN=liveseg test ${who}`);
    openssl(
      dir,
      'x509',
      '-req',
      '-in',
      `${who}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '1',
      '-extfile',
      `${who}.ext`,
      '-out',
      `${who}.pem`,
    );
  }
}

const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64url');
const NO_LIMITS = { subs: -1, conn: -1, leaf: -1, imports: -1, exports: -1, data: -1, payload: -1, wildcards: true };

/** A NATS JWT signed by `issuer` (the format nsc writes; made here, as no JWT library is installed). */
function jwt(issuer: KeyPair, subject: string, name: string, nats: Record<string, unknown>): string {
  const claims: Record<string, unknown> = {
    iat: Math.floor(Date.now() / 1000),
    iss: issuer.getPublicKey(),
    name,
    sub: subject,
    nats: { ...nats, version: 2 },
  };
  claims.jti = createHash('sha256').update(JSON.stringify(claims)).digest('base64url');
  const signed = `${b64(JSON.stringify({ typ: 'JWT', alg: 'ed25519-nkey' }))}.${b64(JSON.stringify(claims))}`;
  return `${signed}.${b64(issuer.sign(new TextEncoder().encode(signed)))}`;
}

/** Operator-mode server lines (an operator, a system account, an account with JetStream) and a creds file maker. */
function operatorMode(): { lines: string[]; creds(account?: KeyPair): string } {
  const operator = createOperator();
  const system = createAccount();
  const account = createAccount();
  const accountJwt = jwt(operator, account.getPublicKey(), 'liveseg', {
    type: 'account',
    limits: { ...NO_LIMITS, mem_storage: -1, disk_storage: -1, streams: -1, consumer: -1 },
  });
  const systemJwt = jwt(operator, system.getPublicKey(), 'SYS', { type: 'account', limits: NO_LIMITS });
  return {
    lines: [
      `operator: ${jwt(operator, operator.getPublicKey(), 'test operator', { type: 'operator', system_account: system.getPublicKey() })}`,
      'resolver: MEMORY',
      `system_account: ${system.getPublicKey()}`,
      `resolver_preload: { ${account.getPublicKey()}: ${accountJwt}, ${system.getPublicKey()}: ${systemJwt} }`,
    ],
    creds(signer = account) {
      const user = createUser();
      const userJwt = jwt(signer, user.getPublicKey(), 'ops', { type: 'user', pub: {}, sub: {}, subs: -1, data: -1, payload: -1 });
      return `-----BEGIN NATS USER JWT-----\n${userJwt}\n------END NATS USER JWT------\n\n-----BEGIN USER NKEY SEED-----\n${new TextDecoder().decode(user.getSeed())}\n------END USER NKEY SEED------\n`;
    },
  };
}

describe('credentials from the NATS CLI environment names', () => {
  let dir: string;
  let server: NatsServer | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'liveseg-creds-'));
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A fresh server whose configuration has `lines`. */
  async function serve(name: string, lines: string[]): Promise<NatsServer> {
    const port = await freePort();
    const sdir = join(dir, name);
    server = await startNatsServer({ dataDir: sdir, port, configFile: writeServerConfig(sdir, port, lines) });
    return server;
  }

  it('user and password (NATS_USER/NATS_PASSWORD, or in the URL)', async () => {
    const s = await serve('user', ['authorization { user: ops, password: "pw-right-1" }']);
    const ok = await liveseg(['init', '--partitions', '2'], { NATS_URL: s.url, NATS_USER: 'ops', NATS_PASSWORD: 'pw-right-1' });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const inUrl = await liveseg(['init'], { NATS_URL: s.url.replace('nats://', 'nats://ops:pw-right-1@') });
    expect(inUrl.code).toBe(0);
    expect(inUrl.stdout).not.toContain('pw-right-1');
    const wrong = await liveseg(['status'], { NATS_URL: s.url, NATS_USER: 'ops', NATS_PASSWORD: 'pw-wrong-2' });
    refused(wrong, /^liveseg status: NATS at .* refused the credentials.*NATS_USER\/NATS_PASSWORD/, 'pw-wrong-2');
    refused(await liveseg(['status'], { NATS_URL: s.url }), /refused the credentials/);
    // The long-running commands too: no endless reconnecting with credentials that cannot work.
    for (const command of ['worker', 'gateway']) {
      const r = await liveseg([command], { NATS_URL: s.url, NATS_USER: 'ops', NATS_PASSWORD: 'pw-wrong-2', LIVESEG_ADMIN_KEYS: 'k' });
      refused(r, new RegExp(`^liveseg ${command}: NATS at .* refused the credentials`), 'pw-wrong-2');
    }
  }, 60_000);

  it('token (NATS_TOKEN)', async () => {
    const s = await serve('token', ['authorization { token: "tok-right-1" }']);
    expect((await liveseg(['init', '--partitions', '2'], { NATS_URL: s.url, NATS_TOKEN: 'tok-right-1' })).code).toBe(0);
    refused(await liveseg(['status'], { NATS_URL: s.url, NATS_TOKEN: 'tok-wrong-2' }), /refused the credentials/, 'tok-wrong-2');
  }, 60_000);

  it('nkey (NATS_NKEY names a seed file)', async () => {
    const user = createUser();
    const other = createUser();
    const seedFile = join(dir, 'user.nk');
    const otherFile = join(dir, 'other.nk');
    writeFileSync(seedFile, new TextDecoder().decode(user.getSeed()), { mode: 0o600 });
    writeFileSync(otherFile, new TextDecoder().decode(other.getSeed()), { mode: 0o600 });
    const s = await serve('nkey', [`authorization { users: [ { nkey: ${user.getPublicKey()} } ] }`]);
    expect((await liveseg(['init', '--partitions', '2'], { NATS_URL: s.url, NATS_NKEY: seedFile })).code).toBe(0);
    refused(await liveseg(['status'], { NATS_URL: s.url, NATS_NKEY: otherFile }), /refused the credentials/);
    refused(await liveseg(['status'], { NATS_URL: s.url, NATS_NKEY: join(dir, 'missing.nk') }), /NATS_NKEY: cannot read/);
  }, 60_000);

  it('creds file (NATS_CREDS), with JWTs made in the test', async () => {
    const op = operatorMode();
    const s = await serve('creds', op.lines);
    const good = join(dir, 'good.creds');
    const stranger = join(dir, 'stranger.creds');
    writeFileSync(good, op.creds(), { mode: 0o600 });
    writeFileSync(stranger, op.creds(createAccount()), { mode: 0o600 });
    const ok = await liveseg(['init', '--partitions', '2'], { NATS_URL: s.url, NATS_CREDS: good });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    refused(await liveseg(['status'], { NATS_URL: s.url, NATS_CREDS: stranger }), /refused the credentials/);
  }, 60_000);

  it('TLS with a CA and a client certificate (NATS_CA, NATS_CERT, NATS_KEY)', async () => {
    const tls = join(dir, 'tls');
    execFileSync('mkdir', ['-p', tls]);
    makeCertificates(tls);
    const s = await serve('tls', [
      `tls { cert_file: "${join(tls, 'server.pem')}", key_file: "${join(tls, 'server.key')}", ca_file: "${join(tls, 'ca.pem')}", verify: true }`,
    ]);
    const files = { NATS_CA: join(tls, 'ca.pem'), NATS_CERT: join(tls, 'client.pem'), NATS_KEY: join(tls, 'client.key') };
    const ok = await liveseg(['init', '--partitions', '2'], { NATS_URL: s.url, ...files });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    // Without the CA the server's certificate is not trusted. (Without a client certificate this
    // server drops the connection after the handshake: the client only sees its 20 s timeout.)
    refused(
      await liveseg(['status'], { NATS_URL: s.url, NATS_CERT: files.NATS_CERT, NATS_KEY: files.NATS_KEY }),
      /^liveseg status: TLS with NATS at .* failed .*check NATS_CA, NATS_CERT and NATS_KEY/,
    );
  }, 60_000);
});
