// YOLO (Ultralytics detection, segmentation and OBB; darknet): see README.md.
import type { FormatModule } from '../types.ts';
import { detectYolo } from './detect.ts';
import { readYolo } from './read.ts';
import { writeYolo } from './write.ts';

export const yolo: FormatModule = {
  name: 'yolo',
  kinds: ['image'],
  detect: detectYolo,
  read: readYolo,
  write: writeYolo,
};
