import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes `nats.conf` for one JetStream server on loopback into `dir` (store in `dir/jetstream`),
 * with `extra` lines such as an `include` of auth.conf or a `tls {}` block; returns its path.
 */
export function writeServerConfig(dir: string, port: number, extra: string[] = []): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'nats.conf');
  writeFileSync(path, [`listen: 127.0.0.1:${port}`, `jetstream { store_dir: "${join(dir, 'jetstream')}" }`, ...extra, ''].join('\n'));
  return path;
}
