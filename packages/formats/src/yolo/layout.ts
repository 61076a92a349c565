// Where a YOLO dataset keeps what: class names in a YAML (`names` as a list or a {0: name} map,
// Ultralytics) or a names file (`obj.names`, `classes.txt`, darknet); labels as `<stem>.txt` under a
// `labels/` folder beside `images/` (Ultralytics, Roboflow), or beside the image (darknet, with
// `train.txt` listing the images). Every other .txt is a label file too, except names and list files.
import { parseDocument } from 'yaml';
import { baseOf, stemOf, utf8 } from '../source.ts';
import { FormatError, type Source, type SourceFile } from '../types.ts';

export const IMAGE_EXTENSIONS = new Set(['jpg', 'jpeg', 'png', 'bmp', 'webp', 'tif', 'tiff', 'gif', 'dng', 'mpo', 'pfm', 'heic']);
const NAMES_FILES = /(^|\/)(obj\.names|classes\.txt|[^/]+\.names)$/i;
/** Image lists at the top (darknet, CVAT); deeper ones only when the YAML names them. */
const LIST_FILES = /^(train|val|valid|validation|test)\.txt$/i;
const OTHER_TXT = /(^|\/)(readme|license|licence)[^/]*\.txt$/i;

export interface Entry {
  /** The image's path in the source; else the path it is listed under; else the label's path under images/ without extension. */
  media: string;
  image?: SourceFile;
  label?: SourceFile;
}

export interface Layout {
  /** Class names by index; null when the source names none. */
  names: Map<number, string> | null;
  /** Numbers on a pose line (`class cx cy w h` + keypoints), from the YAML's `kpt_shape`. */
  poseNumbers: number | null;
  entries: Entry[];
}

const ext = (path: string) => { const b = baseOf(path); const dot = b.lastIndexOf('.'); return dot > 0 ? b.slice(dot + 1).toLowerCase() : ''; };
const isImage = (path: string) => IMAGE_EXTENSIONS.has(ext(path));
const text = async (f: SourceFile) => { try { return utf8(await f.bytes()); } catch { throw new FormatError(f.path, 0, '', 'is not UTF-8 text'); } };

/** The key an image and its label file share: the path without extension, `labels/` read as `images/`. */
export function labelKey(path: string): string {
  const stem = stemOf(path);
  const at = stem.lastIndexOf('labels/');
  return at === 0 || (at > 0 && stem[at - 1] === '/') ? `${stem.slice(0, at)}images/${stem.slice(at + 'labels/'.length)}` : stem;
}

export async function yoloLayout(source: Source): Promise<Layout> {
  const yamlInfo = await readYaml(source);
  const names = yamlInfo?.names ?? await readNamesFile(source);
  const listed = new Map<string, string>();
  const skip = new Set<string>(yamlInfo?.lists ?? []);
  for (const f of source.files) {
    if (!(LIST_FILES.test(f.path) || skip.has(f.path)) || !f.path.toLowerCase().endsWith('.txt')) continue;
    skip.add(f.path);
    for (const raw of (await text(f)).split(/\r?\n/)) {
      const path = raw.trim().replace(/^\.\//, '').replace(/^data\//, '');
      if (path !== '' && isImage(path)) listed.set(stemOf(path), path);
    }
  }
  const images = new Map<string, SourceFile>();
  for (const f of source.files) if (isImage(f.path)) images.set(stemOf(f.path), f);
  const entries = new Map<string, Entry>();
  for (const [stem, image] of images) entries.set(stem, { media: image.path, image });
  for (const f of source.files) {
    if (!f.path.toLowerCase().endsWith('.txt') || skip.has(f.path) || NAMES_FILES.test(f.path) || OTHER_TXT.test(f.path)) continue;
    const key = labelKey(f.path);
    const sibling = stemOf(f.path);
    const entry = entries.get(key) ?? entries.get(sibling);
    if (entry && !entry.label) { entry.label = f; continue; }
    entries.set(key, { media: listed.get(key) ?? listed.get(sibling) ?? key, label: f });
  }
  return {
    names, poseNumbers: yamlInfo?.poseNumbers ?? null,
    entries: [...entries.values()].sort((a, b) => (a.media < b.media ? -1 : a.media > b.media ? 1 : 0)),
  };
}

interface YamlInfo { names: Map<number, string>; poseNumbers: number | null; lists: string[] }

async function readYaml(source: Source): Promise<YamlInfo | null> {
  const yamls = source.files.filter((f) => /\.ya?ml$/i.test(f.path));
  yamls.sort((a, b) => Number(baseOf(b.path) === 'data.yaml') - Number(baseOf(a.path) === 'data.yaml'));
  for (const f of yamls) {
    const src = await text(f);
    const doc = parseDocument(src);
    if (doc.errors.length > 0) {
      if (baseOf(f.path) !== 'data.yaml') continue;
      const e = doc.errors[0]!;
      throw new FormatError(f.path, e.linePos?.[0].line ?? 0, '', `is not valid YAML: ${e.message.split('\n')[0]}`);
    }
    let data: unknown;
    try { data = doc.toJS(); } catch (e) {
      // An alias to no anchor, an alias loop: YAML that parses but has no value.
      if (baseOf(f.path) !== 'data.yaml') continue;
      throw new FormatError(f.path, 0, '', `is not valid YAML: ${(e as Error).message}`);
    }
    if (!data || typeof data !== 'object' || !('names' in data)) continue;
    const d = data as Record<string, unknown>;
    const lineOf = (key: string) => { const i = (doc.contents && 'items' in doc.contents) ? (doc.contents.items as Array<{ key: { value?: unknown; range?: number[] } }>).find((p) => p.key?.value === key)?.key.range?.[0] : undefined; return i === undefined ? 0 : lineAt(src, i); };
    const names = new Map<number, string>();
    if (Array.isArray(d.names)) d.names.forEach((n, i) => names.set(i, String(n)));
    else if (d.names && typeof d.names === 'object') {
      for (const [k, v] of Object.entries(d.names)) {
        if (!/^\d+$/.test(k)) throw new FormatError(f.path, lineOf('names'), `names.${k}`, `expected a class index (0, 1, ...), got ${JSON.stringify(k)}`);
        names.set(Number(k), String(v));
      }
    } else throw new FormatError(f.path, lineOf('names'), 'names', `expected a list of class names or a {0: name} map, got ${JSON.stringify(d.names)}`);
    const kpt = d.kpt_shape;
    const poseNumbers = Array.isArray(kpt) && kpt.length === 2 && kpt.every((n) => Number.isSafeInteger(n) && n > 0) ? 4 + (kpt[0] as number) * (kpt[1] as number) : null;
    const lists = ['train', 'val', 'test'].map((k) => d[k]).filter((v): v is string => typeof v === 'string' && v.endsWith('.txt')).map((v) => v.replace(/^\.\//, ''));
    return { names, poseNumbers, lists };
  }
  return null;
}

/** 1-based line of an offset in the YAML text. */
function lineAt(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') n++;
  return n;
}

async function readNamesFile(source: Source): Promise<Map<number, string> | null> {
  const f = source.files.find((file) => NAMES_FILES.test(file.path));
  if (!f) return null;
  const names = (await text(f)).split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  return new Map(names.map((n, i) => [i, n]));
}

