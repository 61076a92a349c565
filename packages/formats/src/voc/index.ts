// Pascal VOC XML: boxes with pose, truncated, difficult, occluded and free attributes, one file an image.
import { head, rootName } from '../xml/index.ts';
import type { FormatModule } from '../types.ts';
import { readVoc } from './read.ts';
import { writeVoc } from './write.ts';

export const voc: FormatModule = {
  name: 'voc',
  kinds: ['image'],
  async detect(source) {
    const xml = source.files.filter((f) => f.path.toLowerCase().endsWith('.xml'));
    if (xml.length === 0) return 0;
    const underAnnotations = xml.find((f) => /(^|\/)Annotations\//.test(f.path));
    const first = underAnnotations ?? xml[0]!;
    if (rootName(await head(first, 1024)) !== 'annotation') return 0;
    return underAnnotations ? 0.95 : 0.8;
  },
  read: (source) => readVoc(source),
  write: writeVoc,
};
