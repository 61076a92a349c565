// Images: their size and orientation from the first bytes of the file, serving item assets from the
// folders and buckets an administrator allowed, and uploads stored by content. Services only; routes in http/.
export { mediaConfig, type MediaConfig } from './config.ts';
export { ImageInfoError, type ImageInfoErrorCode } from './image-errors.ts';
export { CONTENT_TYPES, imageInfo, readImageInfo, sniff, type ImageFormat, type ImageInfo } from './image-info.ts';
export { FOLDER_FORMAT, imageInfoOf, locateItemAsset, resolveAsset, type Asset } from './assets.ts';
export { assetName, readAssetBytes, readAssetImageInfo, type StoredAsset } from './asset-read.ts';
export { storeUpload, UPLOAD_LIMIT, type Upload } from './uploads.ts';
export { ObjectStoreError, type ObjectStorage, type ObjectStore } from './object-store.ts';
export { isObjectUrl, objectUrl, parseObjectUrl, refusedObject, type ObjectRef } from './object-url.ts';
export { fromStorage, storageError } from './object-errors.ts';
export { exportTarget, uploadExport, type ExportTarget } from './object-upload.ts';
