import { isAbsolute } from 'node:path';

/**
 * Imports from this machine's disk (a folder import, or a command-line import of label files,
 * `folder:<format>`) record what was imported in `imports.file` and, since 0019, the folders its
 * images were found in (`media_roots`); only those make files servable. An import over HTTP names
 * its file as the client said, so it never does.
 */
export const FOLDER_FORMAT = 'folder';

export const isFolderImport = (format: string) => format === FOLDER_FORMAT || format.startsWith(`${FOLDER_FORMAT}:`);

/** The folders an import from this machine's disk serves its items' files from: its media roots, else the folder it imported. */
export const importRoots = (i: { file: string; media_roots: string[] | null }): string[] =>
  (i.media_roots ?? [i.file]).filter((d) => isAbsolute(d));
