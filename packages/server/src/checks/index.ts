// The machine checks' view of items on disk: image sizes and parsed point clouds for @cadre/core runChecks.
export { checkContextForItem, pointCache, PointCache, pointsForItem, storedImageSize } from './item-points.ts';
export type { CheckContextOptions, ItemLike, PointCacheOptions, PointsOf } from './item-points.ts';
