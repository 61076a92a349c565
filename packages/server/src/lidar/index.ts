// LiDAR datasets as import rows (SUSTechPOINTS scenes, KITTI object folders, clouds with JSON boxes)
// and 3D label export (SUSTechPOINTS, KITTI label_2, JSON boxes). Files in, rows and files out; the
// import and export services do the storing and reading.
export { cloudRowsWithBoxes, BOXES_MODEL } from './boxes-folder.ts';
export { kittiCamera, LidarFileError, readSustechCamera, type CameraMeta } from './cameras.ts';
export { isKittiFolder, kittiRows, KITTI_CAMERA, KITTI_MODEL } from './kitti-folder.ts';
export { detectLidarLayout, lidarRows, type LidarLayout, type LidarImportOptions } from './layout.ts';
export { isSustechFolder, sustechRows, SUSTECH_MODEL, type SustechOptions } from './sustech-folder.ts';
export { calibText, isLabelJsonFormat, itemBoxesEntry, itemLabelFiles, LABEL_EXPORT_FORMATS, LabelExportError, type LabelExportFormat, type LabelFile, type LabelJsonFormat } from './label-files.ts';
export { TAR_END, tarEntry } from './tar.ts';
export { folderImportRows, type FolderImportOptions } from './folder-rows.ts';
