// Where the images a label file names are: in the imported folder or archive, beside the file, in
// a folder the person named (--media), or under the server's media roots. Found images become the
// item's asset (an archive's are stored in the media folder by their SHA-256, as uploads are);
// the file's own name for the image is kept as the item's media reference for exports.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Source, SourceFile } from '@cadre/formats';
import { readImageInfo } from '../media/image-info.ts';

export interface Placed { asset: string; found: boolean; local: string | null }

const REMOTE = /^[a-z][a-z0-9+.-]*:\/\//i;

export interface MediaPlaces {
  /** The folder the source lies in on disk (a folder import: the folder; a file: its folder); null for an upload held elsewhere. */
  root: string | null;
  /** Whether the source's own files are under `root` (a folder on disk) or must be copied out (an archive, extracted to a temporary folder). */
  sourceOnDisk: boolean;
  /** More folders to look in: --media, then the server's media roots. */
  dirs: readonly string[];
  /** Where images of an archive are stored (the media folder), by content. */
  mediaDir: string;
}

/**
 * Local lookups remembered at most this many at a time (a label file names an image again and
 * again, mostly close together); past it the memory starts over, so a file of millions of images
 * imports in flat memory. Remote references are never remembered: they need no lookup.
 */
const REMEMBERED = 10_000;

export class MediaResolver {
  private readonly byName = new Map<string, SourceFile | null>();
  private readonly placed = new Map<string, Placed>();
  private readonly sizes = new Map<string, { width: number; height: number } | null>();
  private nearby: Promise<Map<string, string | null>> | null = null;

  constructor(private readonly source: Source, private readonly places: MediaPlaces) {
    for (const f of source.files) {
      const name = f.path.slice(f.path.lastIndexOf('/') + 1);
      // A name found twice is ambiguous: it only matches by its full path.
      this.byName.set(name, this.byName.has(name) ? null : f);
    }
  }

  /** Where `media` is: the found file (asset = its path on this server) or the reference as given. */
  async place(media: string): Promise<Placed> {
    if (REMOTE.test(media)) return { asset: media, found: true, local: null };
    const known = this.placed.get(media);
    if (known) return known;
    const placed = await this.locate(media);
    if (this.placed.size >= REMEMBERED) this.placed.clear();
    this.placed.set(media, placed);
    return placed;
  }

  /** The image's size from its header, when it can be found. */
  async size(media: string): Promise<{ width: number; height: number } | null> {
    if (REMOTE.test(media)) return null; // not fetched: a remote image's size comes from the file or not at all
    if (this.sizes.has(media)) return this.sizes.get(media)!;
    const { local } = await this.place(media);
    const size = local ? await readImageInfo(local).then((i) => ({ width: i.width, height: i.height }), () => null) : null;
    if (this.sizes.size >= REMEMBERED) this.sizes.clear();
    this.sizes.set(media, size);
    return size;
  }

  private async locate(media: string): Promise<Placed> {
    const clean = media.replace(/^\.\//, '');
    const inSource = this.source.get(clean) ?? this.source.get(`images/${clean}`) ?? this.byName.get(clean.slice(clean.lastIndexOf('/') + 1)) ?? undefined;
    if (inSource) {
      if (this.places.sourceOnDisk && this.places.root) {
        const path = join(this.places.root, inSource.path);
        return { asset: path, found: true, local: path };
      }
      if (this.places.root) {
        const stored = await this.store(join(this.places.root, inSource.path));
        return { asset: stored, found: true, local: stored };
      }
    }
    const candidates = [
      ...(isAbsolute(media) ? [media] : []),
      ...(this.places.root && !isAbsolute(media) ? [join(this.places.root, clean), join(this.places.root, 'images', clean)] : []),
      ...this.places.dirs.flatMap((d) => (isAbsolute(media) ? [] : [join(d, clean), join(d, clean.slice(clean.lastIndexOf('/') + 1))])),
    ];
    for (const c of candidates) {
      const s = await stat(c).catch(() => null);
      if (s?.isFile()) return { asset: resolve(c), found: true, local: resolve(c) };
    }
    // A dataset keeps its images in a folder of its own (coco128: images/train2017/ beside the JSON;
    // COCO: annotations/ beside train2017/): look for the name once in the images around the file.
    if (this.places.sourceOnDisk && this.places.root && !isAbsolute(media)) {
      this.nearby ??= imagesAround(this.places.root);
      const found = (await this.nearby).get(clean.slice(clean.lastIndexOf('/') + 1));
      if (found) return { asset: found, found: true, local: found };
    }
    return { asset: media, found: false, local: null };
  }

  /** Copies an archive's image into the media folder under its SHA-256, once per content. */
  private async store(path: string): Promise<string> {
    await mkdir(this.places.mediaDir, { recursive: true });
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    const target = join(this.places.mediaDir, `${hash.digest('hex')}${extname(path).toLowerCase()}`);
    if (!(await stat(target).catch(() => null))) {
      const temp = join(dirname(target), `.import-${randomUUID()}`);
      try {
        await copyFile(path, temp);
        await rename(temp, target);
      } finally {
        await rm(temp, { force: true });
      }
    }
    return target;
  }
}

const IMAGE = /\.(jpe?g|png|webp|bmp|gif)$/i;
const MAX_FILES = 500_000;

/**
 * Image files below the folder (and below its parent when the folder is a dataset's `annotations`
 * or `labels`), by file name; a name found twice maps to null (ambiguous). Walked once per import.
 */
async function imagesAround(root: string): Promise<Map<string, string | null>> {
  const byName = new Map<string, string | null>();
  const start = /^(annotations|labels|label|json)$/i.test(basename(root)) ? dirname(root) : root;
  let seen = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > 4 || seen > MAX_FILES) return;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const path = join(dir, e.name);
      if (e.isDirectory()) await walk(path, depth + 1);
      else if (e.isFile() && IMAGE.test(e.name)) {
        seen++;
        byName.set(e.name, byName.has(e.name) ? null : resolve(path));
      }
    }
  };
  await walk(start, 0);
  return byName;
}
