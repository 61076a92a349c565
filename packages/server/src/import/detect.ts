import { extname } from 'node:path';
import { ImportFileError } from './types.ts';
import type { ImportFormat } from './types.ts';

const BY_EXTENSION: { [ext: string]: ImportFormat } = {
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.csv': 'csv',
};

/**
 * The extension decides when it is known (as in Label Studio); otherwise the first bytes do:
 * `[` is a JSON array, `{` is JSON Lines when the first line is a whole object, text is CSV.
 */
export function detectFormat(fileName: string, head?: Buffer): ImportFormat {
  const known = BY_EXTENSION[extname(fileName).toLowerCase()];
  if (known) return known;
  if (head && !head.includes(0)) {
    const text = head.toString('utf8').replace(/^\uFEFF/, '').trimStart();
    if (text.startsWith('[')) return 'json';
    if (text.startsWith('{')) return firstLineIsObject(text) ? 'jsonl' : 'json';
    if (text.length > 0) return 'csv';
  }
  throw new ImportFileError(fileName, 0, 'unreadable', 'cannot tell the format: name the file .json, .jsonl or .csv');
}

function firstLineIsObject(text: string): boolean {
  const nl = text.indexOf('\n');
  if (nl === -1) return true; // a single line: read as JSON Lines it gives the same row
  try {
    JSON.parse(text.slice(0, nl));
    return true;
  } catch {
    return false;
  }
}
