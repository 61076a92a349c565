import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { folderRows } from '../import/folder.ts';
import type { PredictionInput, RowResult } from '../import/types.ts';
import { readImageInfo, type ImageInfo } from '../media/image-info.ts';
import { parseClassNames } from './class-names.ts';
import { emptyTally, type ClampTally } from './clamp.ts';
import { cocoResults, indexCoco, type CocoImage } from './coco.ts';
import { meanScore, type RectangleResult } from './rectangle.ts';
import { yoloToResults } from './yolo.ts';

export type PredictionSource =
  | { kind: 'yolo'; labelsDir: string; classesFile: string }
  | { kind: 'coco'; file: string };

/** What a row's image gets: its rectangle results, or null when the source has nothing for it. */
type Lookup = (image: string, info: ImageInfo, tally: ClampTally) => Promise<RectangleResult[] | null>;

/**
 * The rows of a folder import, each image row with the predictions of a YOLO labels folder or a
 * COCO JSON file attached. A YOLO labels folder inside the images folder is not imported itself.
 * A bad label file or an unreadable image makes its row invalid (reported, or skipped with
 * skip-invalid); a broken class list or COCO file stops the import before any row.
 */
export async function* folderRowsWithPredictions(dir: string, source: PredictionSource): AsyncGenerator<RowResult> {
  const root = resolve(dir);
  const { lookup, modelVersion, skip } = await prepare(root, source);
  for await (const r of folderRows(root, { skip })) {
    const image = r.ok ? r.row.data.image : undefined;
    if (!r.ok || typeof image !== 'string') { yield r; continue; }
    const fail = (field: string, file: string, message: string): RowResult => ({ ok: false, error: { file, line: 0, field, message } });
    let info: ImageInfo;
    try {
      info = await readImageInfo(image);
    } catch (e) {
      yield fail('data.image', image, `cannot read the image size: ${(e as Error).message}`);
      continue;
    }
    let results: RectangleResult[] | null;
    const tally = emptyTally();
    try {
      results = await lookup(image, info, tally);
    } catch (e) {
      yield fail('predictions', (e as { file?: string }).file ?? image, (e as Error).message);
      continue;
    }
    const predictions: PredictionInput[] = results === null ? [] : [{ modelVersion, score: meanScore(results), result: results }];
    yield { ok: true, row: { ...r.row, predictions, ...(tally.boxes > 0 ? { clamped: tally } : {}) } };
  }
}

async function prepare(root: string, source: PredictionSource): Promise<{ lookup: Lookup; modelVersion: string; skip?: (path: string) => boolean }> {
  if (source.kind === 'coco') {
    const index = indexCoco(JSON.parse(await readFile(source.file, 'utf8')));
    const json = resolve(source.file);
    return { modelVersion: 'coco-import', lookup: cocoLookup(root, index), skip: (p) => p === json };
  }
  const names = parseClassNames(await readFile(source.classesFile, 'utf8'));
  const labels = resolve(source.labelsDir);
  const classes = resolve(source.classesFile);
  return {
    modelVersion: 'yolo-import',
    skip: (p) => p === labels || p === classes,
    async lookup(image, info, tally) {
      const stem = (p: string) => p.slice(0, p.length - extname(p).length) + '.txt';
      // A label file mirrors the image's path below the images folder, or a tail of it: importing a
      // dataset root puts images/train2017/a.jpg beside labels/train2017/a.txt.
      const parts = stem(relative(root, image)).split(sep);
      for (const candidate of parts.map((_, i) => join(labels, ...parts.slice(i)))) {
        const text = await readFile(candidate, 'utf8').catch((e: NodeJS.ErrnoException) => {
          if (e.code === 'ENOENT') return null;
          throw e;
        });
        if (text === null) continue;
        try {
          return yoloToResults(text, names, info, tally);
        } catch (e) {
          throw Object.assign(new Error(`YOLO labels: ${(e as Error).message}`), { file: candidate });
        }
      }
      return null; // YOLO's convention: an image without a label file shows nothing
    },
  };
}

/** Matches an image by its path below the folder, then by file name, as COCO files name them either way. */
function cocoLookup(root: string, index: Map<string, CocoImage>): Lookup {
  return async (image, info, tally) => {
    const rel = relative(root, image).split(sep).join('/');
    const entry = index.get(rel) ?? index.get(basename(image)) ?? index.get(`${basename(dirname(image))}/${basename(image)}`);
    return entry ? cocoResults(entry, info, tally) : null;
  };
}
