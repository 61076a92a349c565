export { dumpDatabase, type DumpOptions, type DumpSummary } from './dump.ts';
export { restoreDatabase, BackupFileError, type RestoreOptions, type RestoreSummary } from './restore.ts';
export { backupToFile, restoreFromFile } from './files.ts';
export { encodeCopyField, encodeCopyRow, decodeCopyField, splitCopyRow, copyFieldCount } from './copy-text.ts';
export { tableChecksums } from './checksum.ts';
