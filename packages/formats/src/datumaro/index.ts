// Datumaro's JSON: image items with bbox, polygon, polyline and points annotations, track ids and attributes.
import type { FormatModule } from '../types.ts';
import { head } from '../xml/index.ts';
import { datumaroFiles, readDatumaro } from './read.ts';
import { writeDatumaro } from './write.ts';

export const datumaro: FormatModule = {
  name: 'datumaro',
  kinds: ['image'],
  async detect(source) {
    const file = datumaroFiles(source)[0];
    if (!file) return 0;
    const text = await head(file, 4096);
    if (!/^\s*\{/.test(text.replace(/^\uFEFF/, ''))) return 0;
    if (/"dm_format_version"/.test(text)) return 0.95;
    const underAnnotations = /(^|\/)annotations\//.test(file.path);
    return /"categories"\s*:\s*\{\s*"label"/.test(text) ? (underAnnotations ? 0.9 : 0.7) : 0;
  },
  read: (source) => readDatumaro(source),
  write: writeDatumaro,
};
