export { SegmentCatalog } from './catalog.ts';
