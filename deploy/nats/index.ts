export { startNatsServer, freePort, type NatsServer, type NatsServerOptions } from './launcher.ts';
export { startNatsCluster, nodeConfig, type NatsCluster } from './cluster.ts';
export { ensureNatsServer, findNatsServer } from './install.ts';
