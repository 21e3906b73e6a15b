/**
 * `npx tsx deploy/nats/fetch-newest.ts`: puts the newest nats-server of Debian's packages into the
 * cache (deploy/nats/newest.ts) and prints its path; exits 1 when it cannot. CI runs it first, so
 * that the tests run on that server.
 */
import process from 'node:process';
import { cachedNatsServer, fetchNewestNatsServer, natsServerVersion } from './newest.ts';

const binary = fetchNewestNatsServer((line) => process.stderr.write(`${line}\n`)) ?? cachedNatsServer();
if (!binary) process.exit(1);
process.stdout.write(`${binary}\n`);
process.stderr.write(`nats-server ${natsServerVersion(binary) ?? '(version unknown)'}\n`);
