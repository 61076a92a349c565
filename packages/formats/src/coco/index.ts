// COCO (detection, segmentation and keypoints JSON): see README.md for what is read and written how.
import type { FormatModule } from '../types.ts';
import { detectCoco } from './detect.ts';
import { readCoco } from './read.ts';
import { writeCoco } from './write.ts';

export const coco: FormatModule = {
  name: 'coco',
  kinds: ['image'],
  detect: detectCoco,
  read: readCoco,
  write: writeCoco,
};
