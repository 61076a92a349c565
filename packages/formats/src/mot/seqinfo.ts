// `seqinfo.ini` of a MOTChallenge sequence: name, frame count, image folder and extension, frame size.
import { lines } from '../source.ts';
import type { SourceFile } from '../types.ts';

export interface SeqInfo { name?: string; imDir: string; imExt: string; seqLength?: number; frameRate?: number; width?: number; height?: number }

export async function readSeqInfo(file: SourceFile | undefined): Promise<SeqInfo> {
  const out: SeqInfo = { imDir: 'img1', imExt: '.jpg' };
  if (!file) return out;
  const kv = new Map<string, string>();
  for await (const { text } of lines(file.chunks())) {
    const m = /^\s*([A-Za-z]\w*)\s*=\s*(.*?)\s*$/.exec(text);
    if (m) kv.set(m[1]!.toLowerCase(), m[2]!);
  }
  const int = (k: string) => { const v = Number(kv.get(k)); return Number.isSafeInteger(v) && v > 0 ? v : undefined; };
  if (kv.get('name')) out.name = kv.get('name');
  if (kv.get('imdir')) out.imDir = kv.get('imdir')!;
  if (kv.get('imext')) out.imExt = kv.get('imext')!.startsWith('.') ? kv.get('imext')! : `.${kv.get('imext')}`;
  out.seqLength = int('seqlength');
  const rate = Number(kv.get('framerate'));
  if (Number.isFinite(rate) && rate > 0) out.frameRate = rate;
  out.width = int('imwidth');
  out.height = int('imheight');
  return out;
}

export function seqInfoText(s: SeqInfo & { seqLength: number }): string {
  const rows = [['name', s.name], ['imDir', s.imDir], ['frameRate', s.frameRate], ['seqLength', s.seqLength], ['imWidth', s.width], ['imHeight', s.height], ['imExt', s.imExt]];
  return `[Sequence]\n${rows.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${String(v).replace(/[\r\n]/g, ' ')}`).join('\n')}\n`;
}

/** `img1/000001.jpg` for frame 0. */
export const frameFile = (s: Pick<SeqInfo, 'imDir' | 'imExt'>, i: number) => `${s.imDir}/${String(i + 1).padStart(6, '0')}${s.imExt}`;

/** The classes of the MOT16 ground truth, by class number (1-based), used when no labels.txt names them. */
export const MOT16_CLASSES = ['pedestrian', 'person on vehicle', 'car', 'bicycle', 'motorbike', 'non motorized vehicle', 'static person', 'distractor', 'occluder', 'occluder on the ground', 'occluder full', 'reflection', 'crowd'];
