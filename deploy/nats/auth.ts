import { randomBytes } from 'node:crypto';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nats-server configuration fragment with liveseg's users (docs/operations.md). */
export const AUTH_CONF = resolve(fileURLToPath(import.meta.url), '../auth.conf');

/** The NATS users of auth.conf, least privileged last. */
export const NATS_ROLES = ['admin', 'gateway', 'worker', 'producer'] as const;
export type NatsRole = (typeof NATS_ROLES)[number];

/** The nats-server environment variable holding a role's password. */
export const passwordVariable = (role: NatsRole): string => `LIVESEG_NATS_${role.toUpperCase()}_PASSWORD`;

/** A fresh random password per role (what `liveseg cluster` and the tests run with). */
export function generatePasswords(): Record<NatsRole, string> {
  // nats-server parses a `$VARIABLE` value as a configuration value: one starting with a digit is
  // read as a number and refused ("Expected a digit but got 'E'"), so a password starts with a
  // letter and holds letters and digits only.
  return Object.fromEntries(NATS_ROLES.map((r) => [r, `p${randomBytes(24).toString('hex')}`])) as Record<NatsRole, string>;
}

/** The environment nats-server needs for auth.conf. */
export const serverAuthEnv = (passwords: Record<NatsRole, string>): Record<string, string> =>
  Object.fromEntries(NATS_ROLES.map((r) => [passwordVariable(r), passwords[r]]));

/** The environment of a liveseg process connecting as `role` (other NATS_* credentials cleared). */
export const clientAuthEnv = (role: NatsRole, passwords: Record<NatsRole, string>): Record<string, string> => ({
  NATS_USER: role,
  NATS_PASSWORD: passwords[role],
  NATS_TOKEN: '',
  NATS_CREDS: '',
  NATS_NKEY: '',
});

/** The `include` line for a configuration file in `confDir`: nats-server resolves it relative to that file. */
export const includeAuth = (confDir: string): string => `include "${relative(confDir, AUTH_CONF)}"`;
