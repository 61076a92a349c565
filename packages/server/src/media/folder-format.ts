/**
 * Imports from a folder on this machine (a folder import, or a command-line import of label files,
 * `folder:<format>`) record the folder in `imports.file`; only those make the files below it
 * servable. An import over HTTP names its file as the client said, so it never does.
 */
export const FOLDER_FORMAT = 'folder';

export const isFolderImport = (format: string) => format === FOLDER_FORMAT || format.startsWith(`${FOLDER_FORMAT}:`);
