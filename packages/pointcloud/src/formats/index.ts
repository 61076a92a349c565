export type { LabelBox } from './types.ts';
export { LabelFormatError } from './types.ts';
export { parseSustechLabels, toSustech, writeSustechLabels, type SustechEntry } from './sustech.ts';
export { parseBoxesJson, toBoxesJson, writeBoxesJson, type BoxEntry } from './boxes-json.ts';
export { parseKittiCalib, type KittiCalib } from './kitti-calib.ts';
export { camToLidar, parseKittiLabels, projectBox, readKittiLabels, sameBox, writeKittiLabels, type KittiLabelBox, type KittiLabels, type KittiRegion, type KittiSource, type KittiWriteOptions } from './kitti.ts';
export { IGNORED_LABEL, parseNuscenesInfo, readNuscenesInfo, type NuscenesSample } from './nuscenes.ts';
