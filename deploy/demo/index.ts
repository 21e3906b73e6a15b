/** Demo traffic and demo segments for `liveseg dev`. */
export { DEMO_SEGMENTS } from './segments.ts';
export { startDemoTraffic } from './traffic.ts';
export type { DemoTraffic, DemoTrafficOptions } from './traffic.ts';
export { createTrafficModel } from './traffic-model.ts';
export type { TrafficItem, TrafficModel, TrafficModelOptions } from './traffic-model.ts';
export { mulberry32 } from './random.ts';
