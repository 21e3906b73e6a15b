import { readFileSync } from 'node:fs';
import process from 'node:process';
import { credsAuthenticator, nkeyAuthenticator, type ConnectionOptions, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { LivesegError } from '../../actors/errors.ts';

/** The environment a liveseg process connects with: the NATS CLI's names. */
export type NatsEnv = Record<string, string | undefined>;

/**
 * Inbox prefix of liveseg's own processes. Producers (ours and those in other languages) keep the
 * default `_INBOX`, so deploy/nats/auth.conf can let a producer receive its publish acks on
 * `_INBOX.>` without also letting it read the replies the gateway and the workers get (user
 * records among them).
 */
export const SERVICE_INBOX_PREFIX = '_INBOX_liveseg';

const DEFAULT_URL = 'nats://127.0.0.1:4222';

/** `NATS_URL` as a server list, without any `user:pass@` (nats.js ignores it; see natsConnectOptions). */
export function natsServers(env: NatsEnv = process.env): string[] {
  return splitUrls(env.NATS_URL).map((u) => withoutUserInfo(u).url);
}

/** The server list for messages and logs: never carries a credential. */
export const natsUrlForLog = (env: NatsEnv = process.env): string => natsServers(env).join(',');

const splitUrls = (raw: string | undefined): string[] => {
  const list = (raw || DEFAULT_URL)
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  return list.length ? list : [DEFAULT_URL];
};

/**
 * Splits `nats://user:pass@host:port` into the URL without them and the (decoded) credentials.
 * Host names never hold `@`, so the user info runs to the last one: a password with an unencoded
 * `@` or `/` still comes out whole and never stays in the URL (which is logged).
 */
function withoutUserInfo(raw: string): { url: string; user?: string; pass?: string } {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(raw)?.[0] ?? '';
  const at = raw.lastIndexOf('@');
  if (at < scheme.length) return { url: raw };
  const info = raw.slice(scheme.length, at);
  const colon = info.indexOf(':');
  const [user, pass] = (colon < 0 ? [info] : [info.slice(0, colon), info.slice(colon + 1)]).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  return { url: `${scheme}${raw.slice(at + 1)}`, user: user || undefined, pass };
}

const bad = (message: string) => new LivesegError('bad_config', message);

/**
 * nats.js connection options from the NATS CLI's environment names: `NATS_URL` (comma-separated),
 * `NATS_CREDS` (a .creds file), `NATS_USER` + `NATS_PASSWORD`, `NATS_TOKEN`, `NATS_NKEY` (a seed
 * file), and TLS via `NATS_CA`, `NATS_CERT`, `NATS_KEY`. One way of authenticating at a time.
 * nats.js ignores `user:pass@` (or `token@`) in a URL, so it is taken out of the URL here and used
 * as NATS_USER/NATS_PASSWORD (or NATS_TOKEN) when those are not set. Bad combinations throw
 * `bad_config` naming the variables, never their values.
 */
export function natsConnectOptions(env: NatsEnv, readFile: (path: string) => Uint8Array = (p) => readFileSync(p)): ConnectionOptions {
  const parsed = splitUrls(env.NATS_URL).map(withoutUserInfo);
  const servers = parsed.map((p) => p.url);
  const inUrl = parsed.find((p) => p.user !== undefined);
  const opts: ConnectionOptions = { servers };

  const methods = [
    env.NATS_CREDS && 'NATS_CREDS',
    env.NATS_NKEY && 'NATS_NKEY',
    (env.NATS_USER || env.NATS_PASSWORD) && 'NATS_USER/NATS_PASSWORD',
    env.NATS_TOKEN && 'NATS_TOKEN',
  ].filter(Boolean);
  if (methods.length > 1) throw bad(`set only one way of authenticating to NATS, not ${methods.join(' and ')}`);

  if (env.NATS_CREDS) {
    const creds = readFileFor('NATS_CREDS', env.NATS_CREDS, readFile);
    opts.authenticator = credsAuthenticator(creds);
  } else if (env.NATS_NKEY) {
    const seed = new TextDecoder().decode(readFileFor('NATS_NKEY', env.NATS_NKEY, readFile)).trim();
    if (!seed.startsWith('SU')) throw bad(`NATS_NKEY must name a file holding a user nkey seed (starting with SU)`);
    opts.authenticator = nkeyAuthenticator(new TextEncoder().encode(seed));
  } else if (env.NATS_USER || env.NATS_PASSWORD) {
    if (!env.NATS_USER || !env.NATS_PASSWORD) throw bad('NATS_USER and NATS_PASSWORD go together: set both');
    opts.user = env.NATS_USER;
    opts.pass = env.NATS_PASSWORD;
  } else if (env.NATS_TOKEN) {
    opts.token = env.NATS_TOKEN;
  } else if (inUrl?.pass !== undefined) {
    opts.user = inUrl.user;
    opts.pass = inUrl.pass;
  } else if (inUrl?.user !== undefined) {
    opts.token = inUrl.user;
  }

  if (env.NATS_CERT || env.NATS_KEY || env.NATS_CA || servers.some((s) => s.startsWith('tls://'))) {
    if (Boolean(env.NATS_CERT) !== Boolean(env.NATS_KEY)) throw bad('NATS_CERT and NATS_KEY go together: set both');
    const tls: NonNullable<ConnectionOptions['tls']> = {};
    for (const [name, key] of [
      ['NATS_CA', 'caFile'],
      ['NATS_CERT', 'certFile'],
      ['NATS_KEY', 'keyFile'],
    ] as const) {
      const path = env[name];
      if (!path) continue;
      readFileFor(name, path, readFile); // fail here, with the variable's name, rather than inside the TLS handshake
      tls[key] = path;
    }
    opts.tls = tls;
  }
  return opts;
}

function readFileFor(name: string, path: string, readFile: (path: string) => Uint8Array): Uint8Array {
  try {
    return readFile(path);
  } catch (err) {
    throw new LivesegError('bad_config', `${name}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'unreadable'})`, {
      cause: err,
    });
  }
}

export interface ConnectNatsOptions {
  /** The connection's name as the server shows it. */
  name: string;
  /** Keep reconnecting forever once connected (long-running processes). */
  reconnect?: boolean;
  /** Servers to use instead of NATS_URL's (the credentials still come from `env`). */
  servers?: string[];
  env?: NatsEnv;
}

/**
 * Connects a liveseg process with the credentials of `env` (default: this process's environment).
 * A failure becomes a LivesegError that says what went wrong and what to set (see natsFailure).
 */
export async function connectNats(o: ConnectNatsOptions): Promise<NatsConnection> {
  const env = o.env ?? process.env;
  const opts = natsConnectOptions(env);
  if (o.servers) opts.servers = o.servers;
  try {
    return await connect({
      ...opts,
      name: o.name,
      inboxPrefix: SERVICE_INBOX_PREFIX,
      noAsyncTraces: true,
      ...(o.reconnect ? { maxReconnectAttempts: -1 } : {}),
    });
  } catch (err) {
    const url = (opts.servers as string[]).join(',');
    const failure = natsFailure(err, url);
    // Whatever else fails while connecting (a TLS check among others) is still a failure to connect.
    if (
      failure instanceof LivesegError &&
      failure.code === 'nats_unreachable' &&
      opts.tls &&
      err instanceof Error &&
      err.name === 'TimeoutError'
    ) {
      throw new LivesegError(
        'nats_unreachable',
        `NATS at ${url} did not answer over TLS in time; if it verifies clients, set NATS_CERT and NATS_KEY (and NATS_CA)`,
        { cause: err },
      );
    }
    if (failure instanceof LivesegError || !(err instanceof Error)) throw failure;
    throw isTlsFailure(err)
      ? new LivesegError('nats_unreachable', `TLS with NATS at ${url} failed (${err.message}); check NATS_CA, NATS_CERT and NATS_KEY`, {
          cause: err,
        })
      : new LivesegError('nats_unreachable', `cannot connect to NATS at ${url} (${err.message}) (NATS_URL)`, { cause: err });
  }
}

/** Node's TLS and certificate errors carry codes like ERR_TLS_CERT_ALTNAME_INVALID or DEPTH_ZERO_SELF_SIGNED_CERT. */
function isTlsFailure(err: Error): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /TLS|SSL|CERT|ISSUER|SIGNATURE/.test(code)) return true;
  }
  return false;
}

/**
 * An error of the NATS client as a LivesegError that says what to do; `url` names the server(s)
 * (never with credentials). Anything that is not a NATS failure is returned unchanged.
 */
export function natsFailure(err: unknown, url: string): unknown {
  if (!(err instanceof Error) || err instanceof LivesegError) return err;
  const text = `${err.message} ${(err.cause as Error | undefined)?.message ?? ''}`.toLowerCase();
  const say = (code: 'nats_auth' | 'nats_unreachable' | 'nats_permission', message: string) =>
    new LivesegError(code, message, { cause: err });
  switch (err.name) {
    case 'AuthorizationError':
    case 'UserAuthenticationExpiredError':
      return say(
        'nats_auth',
        `NATS at ${url} refused the credentials (${err.message}); check NATS_USER/NATS_PASSWORD, NATS_TOKEN, NATS_CREDS or NATS_NKEY`,
      );
    case 'PermissionViolationError':
      return say(
        'nats_permission',
        `NATS denied this user a permission it needs (${err.message}); connect as a user that has it (see deploy/nats/auth.conf)`,
      );
    case 'ConnectionError':
    case 'TimeoutError':
      if (isTlsFailure(err) || /tls|certificate|ssl|self.signed|handshake/.test(text)) {
        return say('nats_unreachable', `TLS with NATS at ${url} failed (${err.message}); check NATS_CA, NATS_CERT and NATS_KEY`);
      }
      return say('nats_unreachable', `cannot reach NATS at ${url} (${err.message}); is nats-server running there? (NATS_URL)`);
    case 'JetStreamNotEnabled':
      return say('nats_unreachable', `NATS at ${url} has no JetStream; start nats-server with -js (or jetstream {} in its config)`);
    default:
      if (/permissions? violation/.test(text)) {
        return say('nats_permission', `NATS denied this user a permission it needs (${err.message}); see deploy/nats/auth.conf`);
      }
      if (/authorization violation|authentication/.test(text)) {
        return say(
          'nats_auth',
          `NATS at ${url} refused the credentials; check NATS_USER/NATS_PASSWORD, NATS_TOKEN, NATS_CREDS or NATS_NKEY`,
        );
      }
      return err;
  }
}
