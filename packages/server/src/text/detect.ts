import { extname } from 'node:path';

const CONLL_EXT = new Set(['.conll', '.bio', '.iob', '.iob2', '.ner']);
const TOKEN_TAG = /^[^\t\r\n]+\t(?:[^\r\n]*\t)?(?:O|[BI]-\S+)[ \t]*\r?$/;

/**
 * True for a CoNLL/BIO token file: by extension (.conll, .bio, .iob, .iob2, .ner), or a .tsv/.txt
 * whose first non-blank line that is not -DOCSTART- reads `token<TAB>...<TAB>tag` with a BIO tag.
 */
export function looksLikeConll(fileName: string, head?: Buffer | string): boolean {
  const ext = extname(fileName).toLowerCase();
  if (CONLL_EXT.has(ext)) return true;
  if ((ext !== '.tsv' && ext !== '.txt') || head === undefined) return false;
  const lines = head.toString().replace(/^\uFEFF/, '').split('\n');
  const first = lines.find((l) => l.trim() !== '' && !l.startsWith('-DOCSTART-'));
  return first !== undefined && TOKEN_TAG.test(first);
}
