export * from './config.ts';
export * from './runtime.ts';
export * from './errors.ts';
export { buildApp } from './http/app.ts';
export * from './services/index.ts';
export * as imports from './import/index.ts';
export * as media from './media/index.ts';
export * as predictions from './predictions/index.ts';
export * as lidar from './lidar/index.ts';
