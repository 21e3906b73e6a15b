export { startNatsServer, freePort, type NatsServer, type NatsServerOptions } from './launcher.ts';
export { startNatsCluster, nodeConfig, type NatsCluster } from './cluster.ts';
export { writeServerConfig } from './config-file.ts';
export { ensureNatsServer, findNatsServer } from './install.ts';
export {
  AUTH_CONF,
  clientAuthEnv,
  generatePasswords,
  includeAuth,
  NATS_ROLES,
  type NatsRole,
  passwordVariable,
  serverAuthEnv,
} from './auth.ts';
