// MOTChallenge `gt/gt.txt` (with seqinfo.ini and CVAT's labels.txt): tracked boxes of one sequence.
import type { FormatModule } from '../types.ts';
import { head } from '../xml/index.ts';
import { gtFiles, readMot } from './read.ts';
import { writeMot } from './write.ts';

export const mot: FormatModule = {
  name: 'mot',
  kinds: ['image'],
  async detect(source) {
    const gt = gtFiles(source)[0];
    if (!gt) return 0;
    const first = (await head(gt, 512)).split(/\r?\n/)[0] ?? '';
    const cells = first.split(',');
    if (cells.length < 6 || !cells.every((c) => c.trim() !== '' && Number.isFinite(Number(c)))) return first.trim() === '' ? 0.5 : 0;
    return /(^|\/)gt\/gt\.txt$/.test(gt.path) ? 0.95 : 0.8;
  },
  read: (source) => readMot(source),
  write: writeMot,
};
