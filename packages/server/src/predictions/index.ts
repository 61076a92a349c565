// Machine predictions from other tools' files (YOLO txt labels, COCO JSON) as Label Studio rectangle
// results, the shape the importer stores, and back to Cadre objects for the workspace. Pure Node.
export { parseClassNames } from './class-names.ts';
export { boxesToResults, cuboidResultToObject, meanBoxScore, type CuboidResult } from './cuboid.ts';
export { cocoResults, indexCoco, type CocoImage } from './coco.ts';
export { folderRowsWithPredictions, type PredictionSource } from './folder-import.ts';
export { meanScore, rectangle, type ImageSize, type RectangleResult } from './rectangle.ts';
export { resultsToObjects } from './to-objects.ts';
export { yoloToResults } from './yolo.ts';
