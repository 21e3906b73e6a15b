import process from 'node:process';
import { jetstreamManager } from '@nats-io/jetstream';
import { STREAM_ENTRIES, STREAM_IN } from '../../actors/bus/names.ts';
import { provisionWithReport, streamRetention } from '../../actors/bus/provision.ts';
import { connectNats, natsFailure, natsUrlForLog } from './nats-connect.ts';
import { intOption, options, retentionOption } from './options.ts';

/**
 * `liveseg init`: provisions every stream and bucket on NATS_URL. Idempotent: on a deployment
 * provisioned the same way it changes nothing and says what it found. Retention options given
 * explicitly are applied to existing streams too; a different partition count is refused.
 */
export async function run(args: string[]): Promise<void> {
  const o = options(args, {
    partitions: { type: 'string' },
    replicas: { type: 'string' },
    'input-retention': { type: 'string' },
    'entries-retention': { type: 'string' },
  });
  const opts = {
    partitions: o.partitions === undefined ? undefined : intOption(o.partitions, 'partitions', 16, 1, 1024),
    replicas: o.replicas === undefined ? undefined : intOption(o.replicas, 'replicas', 1, 1, 5),
    inputRetentionMs: retentionOption(o['input-retention'], 'input-retention'),
    entriesRetentionMs: retentionOption(o['entries-retention'], 'entries-retention'),
  };
  const url = natsUrlForLog();
  const nc = await connectNats({ name: 'liveseg-init' });
  try {
    const report = await provisionWithReport(nc, opts);
    const jsm = await jetstreamManager(nc);
    const lines = [`NATS ${url}: ${report.partitions} partitions`];
    if (report.created.length) lines.push(`created: ${report.created.join(', ')}`);
    if (report.found.length) lines.push(`found: ${report.found.join(', ')}`);
    for (const u of report.updated) lines.push(`updated ${u}`);
    lines.push(
      `retention: inputs ${await streamRetention(jsm, STREAM_IN)}, entries ${await streamRetention(jsm, STREAM_ENTRIES)}`,
      report.created.length || report.updated.length ? 'provisioned' : 'already provisioned; nothing changed',
    );
    process.stdout.write(`${lines.join('\n')}\n`);
  } catch (err) {
    throw natsFailure(err, url);
  } finally {
    await nc.close();
  }
}
