export * from './types.ts';
export { baseOf, collect, dirOf, lines, memorySource, sourceOf, stemOf, utf8 } from './source.ts';
export { FORMATS, formatByName, detectFormat } from './registry.ts';
export { writeTasks, type WriteTasksOptions } from './labelstudio/index.ts';
