// `cadre model predict`: a model run over a folder of images, written as COCO results JSON
// (`[{"file_name", "category", "bbox": [x, y, w, h], "score"}]`, pixels, category by name) for
// evaluating it elsewhere. The model is the shipped detector, a user's ONNX file (with its class
// names) or a URL: a Label Studio ML backend when its /health says UP (with the class names its
// labeling config is built from), else the plain HTTP contract.
//
// An image that cannot be read or run is listed on stderr and the others still run; the command
// fails (exit 1, no file written) only when not one image could run.
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { Command } from 'commander';
import { openDetector, type ModelSpec } from '@cadre/models';

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png']);
const DEFAULT_MIN_SCORE = 0.05;

export interface CocoResult { file_name: string; category: string; bbox: [number, number, number, number]; score: number }

interface PredictOptions { model: string; images: string; classes?: string; out: string; minScore: string }

export function modelPredictCommand(model: Command): void {
  model.command('predict')
    .description('run a model over every .jpg, .jpeg and .png image in a folder (sorted by name) and write COCO results JSON: [{"file_name", "category", "bbox": [x, y, w, h], "score"}], pixels, category by name')
    .requiredOption('--model <model>', '"default" (the shipped COCO detector), a YOLO-style FILE.onnx (needs --classes), or the URL of a Label Studio ML backend or plain HTTP model')
    .requiredOption('--images <dir>', 'the folder of images')
    .option('--classes <file>', 'class names: of an ONNX model in its output order, or those a Label Studio ML backend labels; a text file with one name a line, or a JSON or YAML list (a YOLO data config\'s names: works)')
    .requiredOption('--out <file>', 'where to write the results JSON')
    .option('--min-score <score>', 'leave out proposals scoring under this (low by default, as evaluation wants the whole precision–recall curve)', String(DEFAULT_MIN_SCORE))
    .action((o: PredictOptions) => predict(o));
}

async function predict(o: PredictOptions): Promise<void> {
  const minScore = Number(o.minScore);
  if (!(minScore >= 0 && minScore <= 1)) throw new Error(`--min-score must be a number from 0 to 1, not ${JSON.stringify(o.minScore)}`);
  const { images, ignored } = await listImages(o.images);
  if (ignored > 0) console.error(`ignored ${ignored} file${ignored === 1 ? '' : 's'} in ${o.images} that ${ignored === 1 ? 'is' : 'are'} not .jpg, .jpeg or .png`);
  if (images.length === 0) throw new Error(`no .jpg, .jpeg or .png images in ${o.images}`);
  const spec = await specFor(o, minScore);
  const detector = await openDetector(spec);
  console.error(`model: ${detector.info.name} ${detector.info.version} (${spec.type}); ${images.length} image${images.length === 1 ? '' : 's'}`);

  const results: CocoResult[] = [];
  const failed: { file: string; why: string }[] = [];
  const progress = new ImageProgress(images.length);
  try {
    for (const [i, file] of images.entries()) {
      try {
        const bytes = new Uint8Array(await readFile(join(o.images, file)));
        const d = await detector.detect({ name: file, bytes });
        for (const p of d.proposals) {
          results.push({ file_name: file, category: p.class, bbox: [round(p.x, 2), round(p.y, 2), round(p.w, 2), round(p.h, 2)], score: round(p.score, 5) });
        }
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        // Errors name the image already; said once.
        const why = message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message;
        failed.push({ file, why });
        progress.note(`skipped ${file}: ${why}`);
      }
      progress.update(i + 1, failed.length);
    }
  } finally {
    await detector.close();
  }
  progress.finish(failed.length);
  const ran = images.length - failed.length;
  if (ran === 0) throw new Error(`not one of the ${images.length} images could be run (first: ${failed[0]!.file}: ${failed[0]!.why}); nothing written`);
  await writeAtomically(o.out, `${JSON.stringify(results)}\n`);
  console.error(`wrote ${results.length} proposals for ${ran} image${ran === 1 ? '' : 's'} to ${o.out}${failed.length ? `; ${failed.length} image${failed.length === 1 ? '' : 's'} could not be run: ${failed.map((f) => f.file).join(', ')}` : ''}`);
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

async function listImages(dir: string): Promise<{ images: string[]; ignored: number }> {
  const info = await stat(dir).catch((e: NodeJS.ErrnoException) => {
    throw new Error(e.code === 'ENOENT' ? `no such folder: ${dir}` : `cannot read ${dir}: ${e.message}`);
  });
  if (!info.isDirectory()) throw new Error(`--images must be a folder, and ${dir} is a file`);
  const entries = await readdir(dir, { withFileTypes: true });
  const files = entries.filter((e) => e.isFile() || e.isSymbolicLink()).map((e) => e.name);
  const images = files.filter((f) => IMAGE_EXTENSIONS.has(extname(f).toLowerCase())).sort();
  return { images, ignored: files.length - images.length };
}

/** The spec `--model` names. */
async function specFor(o: PredictOptions, minScore: number): Promise<ModelSpec> {
  const m = o.model.trim();
  if (m === 'default') return { type: 'default', minScore };
  if (/^https?:\/\//i.test(m)) {
    let url: URL;
    try { url = new URL(m); } catch { throw new Error(`--model ${m} is not a valid URL`); }
    const base = url.href.replace(/\/+$/, '');
    if (!(await looksLikeLsBackend(base))) return { type: 'http', url: base, minScore };
    // Label Studio hands a backend its labeling config; one is built from the class names.
    if (!o.classes) throw new Error(`${base} is a Label Studio ML backend (its /health says UP): give the class names it labels with --classes FILE (one name a line, or a JSON or YAML list)`);
    return { type: 'ls-backend', url: base, extraParams: { classes: await readClasses(o.classes) }, minScore };
  }
  if (extname(m).toLowerCase() === '.onnx') {
    const info = await stat(m).catch(() => undefined);
    if (!info?.isFile()) throw new Error(`no such model file: ${m}`);
    if (!o.classes) throw new Error(`an ONNX model carries no class names: give them with --classes FILE (one name a line, or a JSON or YAML list, in the model's output order)`);
    return { type: 'onnx', file: m, classes: await readClasses(o.classes), minScore };
  }
  throw new Error(`--model must be "default", a .onnx file or an http(s):// URL, not ${JSON.stringify(o.model)}`);
}

/** A Label Studio ML backend answers GET /health with JSON {"status": "UP", …}. */
async function looksLikeLsBackend(base: string): Promise<boolean> {
  try {
    const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) return false;
    const body = (await res.json()) as { status?: unknown };
    return typeof body === 'object' && body !== null && body.status === 'UP';
  } catch {
    return false;
  }
}

/** Class names from a text file (one a line), a JSON list, or a YAML list / YOLO config `names:`. */
export async function readClasses(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new Error(e.code === 'ENOENT' ? `no such classes file: ${file}` : `cannot read ${file}: ${e.message}`);
  });
  const names = parseClasses(text, file);
  if (names.length === 0) throw new Error(`${file} names no classes`);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new Error(`${file} names the class ${JSON.stringify(dup)} twice`);
  return names;
}

function parseClasses(text: string, file: string): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let v: unknown;
    try { v = JSON.parse(trimmed); } catch (e) { throw new Error(`${file} is not valid JSON: ${(e as Error).message}`); }
    const list = Array.isArray(v) ? v : (v as { names?: unknown }).names;
    const arr = Array.isArray(list) ? list : list && typeof list === 'object' ? Object.entries(list as Record<string, unknown>).sort(([a], [b]) => Number(a) - Number(b)).map(([, n]) => n) : undefined;
    if (!arr || arr.some((n) => typeof n !== 'string' || !n.trim())) throw new Error(`${file}: expected a JSON list of class names (strings)`);
    return (arr as string[]).map((n) => n.trim());
  }
  const unquote = (s: string) => s.trim().replace(/^(['"])(.*)\1$/, '$2');
  const lines = text.split(/\r?\n/);
  const namesAt = lines.findIndex((l) => /^names\s*:/.test(l));
  if (namesAt >= 0) {
    const inline = lines[namesAt]!.replace(/^names\s*:\s*/, '').trim();
    if (inline.startsWith('[')) return inline.replace(/^\[|\]\s*$/g, '').split(',').map(unquote).filter(Boolean);
    const names: string[] = [];
    for (const l of lines.slice(namesAt + 1)) {
      const m = /^\s+(?:(\d+)\s*:|-)\s*(.+)$/.exec(l);
      if (!m) break;
      if (m[1] !== undefined) names[Number(m[1])] = unquote(m[2]!); else names.push(unquote(m[2]!));
    }
    if (names.some((n) => n === undefined)) throw new Error(`${file}: the names: mapping skips an index`);
    return names;
  }
  const kept = lines.map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  if (kept.length > 0 && kept.every((l) => l.startsWith('- '))) return kept.map((l) => unquote(l.slice(2)));
  return kept;
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, text);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new Error(`cannot write ${file}: ${(e as Error).message}`);
  }
}

/** Images done, rate and time left on stderr: one line redrawn on a terminal, else a line every few seconds. */
class ImageProgress {
  private readonly started = Date.now();
  private last = 0;
  private drawn = false;
  constructor(private readonly total: number) {}

  private line(done: number, failed: number): string {
    const s = (Date.now() - this.started) / 1000;
    const rate = done / Math.max(s, 0.001);
    const left = rate > 0 ? Math.round((this.total - done) / rate) : 0;
    const bar = '#'.repeat(Math.round((done / this.total) * 30)).padEnd(30, '.');
    return `predict [${bar}] ${done}/${this.total} images  ${rate.toFixed(1)} images/s  ${left} s left${failed ? `  ${failed} failed` : ''}`;
  }

  update(done: number, failed: number): void {
    const now = Date.now();
    if (done < this.total && now - this.last < (process.stderr.isTTY ? 200 : 5000)) return;
    this.last = now;
    if (done === this.total) return;
    if (process.stderr.isTTY) { process.stderr.write(`\r${this.line(done, failed)} `); this.drawn = true; } else process.stderr.write(`${this.line(done, failed)}\n`);
  }

  note(text: string): void {
    if (this.drawn) { process.stderr.write('\n'); this.drawn = false; }
    process.stderr.write(`${text}\n`);
  }

  finish(failed: number): void {
    if (this.drawn) process.stderr.write('\n');
    process.stderr.write(`${this.line(this.total, failed)} (done in ${((Date.now() - this.started) / 1000).toFixed(1)} s)\n`);
  }
}
