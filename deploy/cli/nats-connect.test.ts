import { createUser } from '@nats-io/nkeys';
import { describe, expect, it } from 'vitest';
import { LivesegError } from '../../actors/errors.ts';
import { natsConnectOptions, natsFailure, natsServers, natsUrlForLog } from './nats-connect.ts';

const files: Record<string, string> = {
  '/creds/app.creds': '-----BEGIN NATS USER JWT-----\neyJ0\n------END NATS USER JWT------\n',
  '/creds/user.nk': `${new TextDecoder().decode(createUser().getSeed())}\n`,
  '/tls/ca.pem': 'ca',
  '/tls/cert.pem': 'cert',
  '/tls/key.pem': 'key',
};
const readFile = (path: string) => {
  if (!(path in files)) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
  return new TextEncoder().encode(files[path]);
};
const opts = (env: Record<string, string>) => natsConnectOptions(env, readFile);

describe('natsConnectOptions', () => {
  it('splits NATS_URL and defaults to localhost', () => {
    expect(opts({}).servers).toEqual(['nats://127.0.0.1:4222']);
    expect(opts({ NATS_URL: 'nats://a:4222, nats://b:4222' }).servers).toEqual(['nats://a:4222', 'nats://b:4222']);
  });

  it('reads user and password, or a token', () => {
    expect(opts({ NATS_USER: 'gateway', NATS_PASSWORD: 'pw' })).toMatchObject({ user: 'gateway', pass: 'pw' });
    expect(opts({ NATS_TOKEN: 't0k' })).toMatchObject({ token: 't0k' });
  });

  it('takes user:pass@ out of the URL, which nats.js would ignore', () => {
    const o = opts({ NATS_URL: 'nats://worker:p%40ss@host:4222,nats://host2:4222' });
    expect(o).toMatchObject({ servers: ['nats://host:4222', 'nats://host2:4222'], user: 'worker', pass: 'p@ss' });
    expect(opts({ NATS_URL: 'nats://s3cret@host:4222' })).toMatchObject({ servers: ['nats://host:4222'], token: 's3cret' });
    expect(natsServers({ NATS_URL: 'nats://u:p@host:4222' })).toEqual(['nats://host:4222']);
    // Unencoded `@` and `/` in a password: taken out whole, never left in the (logged) URL.
    expect(opts({ NATS_URL: 'nats://user:p@ss@host' })).toMatchObject({ servers: ['nats://host'], user: 'user', pass: 'p@ss' });
    expect(opts({ NATS_URL: 'nats://user:pa/ss@host:4222' })).toMatchObject({ servers: ['nats://host:4222'], pass: 'pa/ss' });
    expect(natsUrlForLog({ NATS_URL: 'nats://user:pa/ss@host:4222,user:x@y@other:4222' })).toBe('nats://host:4222,other:4222');
    // Explicit variables win over the URL.
    expect(opts({ NATS_URL: 'nats://u:p@host:4222', NATS_TOKEN: 't' })).toMatchObject({ token: 't' });
    expect(opts({ NATS_URL: 'nats://u:p@host:4222', NATS_TOKEN: 't' }).user).toBeUndefined();
  });

  it('builds authenticators from a creds file and an nkey seed file', () => {
    expect(typeof opts({ NATS_CREDS: '/creds/app.creds' }).authenticator).toBe('function');
    expect(typeof opts({ NATS_NKEY: '/creds/user.nk' }).authenticator).toBe('function');
  });

  it('passes TLS files to nats.js', () => {
    expect(opts({ NATS_CA: '/tls/ca.pem' }).tls).toEqual({ caFile: '/tls/ca.pem' });
    expect(opts({ NATS_CA: '/tls/ca.pem', NATS_CERT: '/tls/cert.pem', NATS_KEY: '/tls/key.pem' }).tls).toEqual({
      caFile: '/tls/ca.pem',
      certFile: '/tls/cert.pem',
      keyFile: '/tls/key.pem',
    });
    expect(opts({ NATS_URL: 'tls://host:4222' }).tls).toEqual({});
  });

  it('refuses bad combinations with bad_config naming variables, never values', () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ NATS_USER: 'u' }, /NATS_USER and NATS_PASSWORD/],
      [{ NATS_TOKEN: 'secret-token', NATS_USER: 'u', NATS_PASSWORD: 'secret-pw' }, /only one way/],
      [{ NATS_CERT: '/tls/cert.pem' }, /NATS_CERT and NATS_KEY/],
      [{ NATS_CA: '/tls/missing.pem' }, /NATS_CA: cannot read \/tls\/missing.pem \(ENOENT\)/],
      [{ NATS_NKEY: '/tls/ca.pem' }, /NATS_NKEY must name a file holding a user nkey seed/],
    ];
    for (const [env, message] of cases) {
      let err: unknown;
      try {
        opts(env);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(LivesegError);
      expect((err as LivesegError).code).toBe('bad_config');
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).not.toMatch(/secret/);
    }
  });
});

describe('natsFailure', () => {
  const named = (name: string, message: string) => Object.assign(new Error(message), { name });

  it('says what to do for refused credentials, an unreachable server and a denied permission', () => {
    const auth = natsFailure(named('AuthorizationError', 'Authorization Violation'), 'nats://h:4222') as LivesegError;
    expect(auth.code).toBe('nats_auth');
    expect(auth.message).toMatch(/refused the credentials.*NATS_USER\/NATS_PASSWORD, NATS_TOKEN, NATS_CREDS or NATS_NKEY/);
    const down = natsFailure(named('ConnectionError', 'connection refused'), 'nats://h:4222') as LivesegError;
    expect(down.code).toBe('nats_unreachable');
    expect(down.message).toMatch(/cannot reach NATS at nats:\/\/h:4222.*NATS_URL/);
    const denied = natsFailure(named('PermissionViolationError', 'Permissions Violation for Publish to "x"'), 'u') as LivesegError;
    expect(denied.code).toBe('nats_permission');
  });

  it('leaves other errors alone', () => {
    const other = new TypeError('x');
    expect(natsFailure(other, 'u')).toBe(other);
  });
});
