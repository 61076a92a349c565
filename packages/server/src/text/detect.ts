import { extname } from 'node:path';

const CONLL_EXT = new Set(['.conll', '.bio', '.iob', '.iob2', '.bioes', '.iobes', '.bilou', '.ner']);
const TOKEN_TAG = /^[^\t\r\n]+\t(?:[^\r\n]*\t)?(?:O|[BIESLU]-\S+)[ \t]*\r?$/;
/** CoNLL-2003 style: columns separated by spaces, no tab. */
const TOKEN_TAG_SPACED = /^[^\s]+ (?:[^\t\r\n]* )?(?:O|[BIESLU]-\S+) *\r?$/;

/**
 * True for a CoNLL/BIO token file: by extension (.conll, .bio, .iob, .iob2, .bioes, .iobes, .bilou,
 * .ner), or a .tsv/.txt whose first non-blank line that is not -DOCSTART- reads `token<TAB>...<TAB>tag`
 * (a .txt also `token ... tag`, CoNLL-2003) with a BIO/BIOES/BILOU tag last.
 */
export function looksLikeConll(fileName: string, head?: Buffer | string): boolean {
  const ext = extname(fileName).toLowerCase();
  if (CONLL_EXT.has(ext)) return true;
  if ((ext !== '.tsv' && ext !== '.txt') || head === undefined) return false;
  const lines = head.toString().replace(/^\uFEFF/, '').split('\n');
  const first = lines.find((l) => l.trim() !== '' && !l.startsWith('-DOCSTART-'));
  return first !== undefined && (TOKEN_TAG.test(first) || (ext === '.txt' && TOKEN_TAG_SPACED.test(first)));
}
