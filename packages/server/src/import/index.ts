// Streaming import readers: bytes of a JSON / JSON Lines / CSV file or a folder in, validated task rows
// out. Pure Node (fs, streams, csv-parse): no database, no HTTP, no knowledge of projects; the import
// service above decides what to do with row errors and turns ItemDrafts into stored items.
export { ImportFileError, formatRowError } from './types.ts';
export type { ImportedLabels, ImportFileErrorCode, ImportFormat, ImportNote, PredictionInput, RowError, RowResult, TaskRow } from './types.ts';
export { detectFormat } from './detect.ts';
export { readTaskRows } from './read.ts';
export type { ReadOptions } from './read.ts';
export { toItemDraft } from './item-draft.ts';
export type { ItemDraft, ItemKind } from './item-draft.ts';
export { folderRows } from './folder.ts';
export type { FolderOptions } from './folder.ts';
