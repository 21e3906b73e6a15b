export { startNatsServer, freePort, type NatsServer, type NatsServerOptions } from './launcher.ts';
export { ensureNatsServer, findNatsServer } from './install.ts';
