// Images: their size and orientation from the first bytes of the file, serving item assets from the
// folders an administrator allowed, and uploads stored by content. Services only; routes in http/.
export { mediaConfig, type MediaConfig } from './config.ts';
export { ImageInfoError, type ImageInfoErrorCode } from './image-errors.ts';
export { CONTENT_TYPES, imageInfo, readImageInfo, sniff, type ImageFormat, type ImageInfo } from './image-info.ts';
export { FOLDER_FORMAT, imageInfoOf, locateItemAsset, resolveAsset, type Asset } from './assets.ts';
export { storeUpload, UPLOAD_LIMIT, type Upload } from './uploads.ts';
