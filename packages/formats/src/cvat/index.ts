// CVAT XML 1.1, "for images" and "for video": boxes (turned too), polygons, polylines, points, tracks.
import type { FormatModule } from '../types.ts';
import { head, rootName } from '../xml/index.ts';
import { readCvat } from './read.ts';
import { writeCvat } from './write.ts';

export const cvat: FormatModule = {
  name: 'cvat',
  kinds: ['image'],
  async detect(source) {
    const xml = source.files.filter((f) => f.path.toLowerCase().endsWith('.xml'));
    const named = xml.find((f) => /(^|\/)annotations\.xml$/i.test(f.path)) ?? xml[0];
    if (!named) return 0;
    const text = await head(named, 2048);
    if (rootName(text) !== 'annotations') return 0;
    return /<version>\s*1\.\d+\s*<\/version>|<meta>/.test(text) ? 0.95 : 0.7;
  },
  read: (source) => readCvat(source),
  write: writeCvat,
};
