export * from './names.ts';
export { fnv1a32, partitionOf } from './partition.ts';
export { PartitionMismatchError } from '../errors.ts';
export { provision, readPartitions, type ProvisionOptions } from './provision.ts';
export { Producer, createProducer } from './producer.ts';
export { AckPublisher } from './ack-publisher.ts';
export { InboxMux, statusOf } from './inbox-mux.ts';
export { KvPipe } from './kv-pipe.ts';
