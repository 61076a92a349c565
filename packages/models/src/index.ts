export * from './types.ts';
export { postprocess, nms, boxIou, POSTPROCESS_DEFAULTS } from './postprocess/index.ts';
export { openDetector } from './open.ts';
