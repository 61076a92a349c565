// The one shape every label format is read into and written from. A format module turns files
// into LabelledItems (read) and ExportItems into files (write); the server decides what becomes of
// them (accepted labels, drafts to review, or machine pre-labels) and where media live.
import type { GeometryKind, LabeledObject, Ontology } from '@cadre/core';

export type FormatName = 'coco' | 'yolo' | 'voc' | 'cvat' | 'labelstudio' | 'datumaro' | 'mot';

/** One file of what is imported: the file itself, or one entry of a folder or archive. */
export interface SourceFile {
  /** Path below the imported folder or archive, '/'-separated ("labels/train/a.txt"); a single file is its own name. */
  path: string;
  size: number;
  /** The whole file; readers call it only for files they parse whole (XML, YAML, small txt). */
  bytes(): Promise<Uint8Array>;
  /** The file in chunks, for readers that stream (JSON Lines, large JSON, MOT). */
  chunks(): AsyncIterable<Uint8Array>;
}

/** What the user gave: one file, or a folder or archive of files. */
export interface Source {
  /** As the user named it, for messages. */
  name: string;
  /** Every file, in path order. */
  files: readonly SourceFile[];
  get(path: string): SourceFile | undefined;
}

/** A problem with one record; reading goes on so the caller can report every bad row at once. */
export interface RowProblem {
  file: string;
  /** 1-based line (or record number for formats without lines); 0 for the file as a whole. */
  line: number;
  /** Where in the record: `annotations[3].bbox`, `object[2].bndbox.xmin`, `row` for all of it. */
  field: string;
  message: string;
}

/** Something the file holds that Cadre kept in another form, or could not keep: the import report lists each. */
export interface Note extends RowProblem {
  /** `mapped`: kept in another form (an RLE mask traced to polygons); `dropped`: not kept. */
  kind: 'mapped' | 'dropped';
  /** A short, stable reason used to count notes ("rle mask traced to polygons"); `message` has the detail. */
  reason: string;
}

/** One set of labels of an item: a person's annotation, or a model's prediction. */
export interface LabelSet {
  /** Image objects in pixels, cuboids in metres, text spans in code points; ids unique within the set. */
  objects: LabeledObject[];
  /** Who made it as the file says (Label Studio `completed_by`, an e-mail or an id); absent when the file does not say. */
  author?: string;
  /** When, ISO 8601, when the file says. */
  createdAt?: string;
  /** Predictions: the model's confidence in the whole set (0..1) and its version. */
  score?: number;
  modelVersion?: string;
}

/** What a label file says about one item. */
export interface LabelledItem {
  file: string;
  line: number;
  kind: 'image' | 'pointcloud' | 'text';
  /** The media exactly as the file names it (a file name, a path relative to the file, a URL); null for text. */
  media: string | null;
  /** A sequence (CVAT video, MOT): its frames as the file names them; objects carry `frame`, `trackId` and `keyframe`. */
  frames?: string[];
  /** The text of a text item. */
  text?: string;
  /** Image size in pixels, when the file gives it. */
  width?: number;
  height?: number;
  /** What people made. */
  annotations: LabelSet[];
  /** What machines proposed (Label Studio `predictions`). */
  predictions: LabelSet[];
  /** The record's other fields, kept on the item (Label Studio data fields besides the media, a VOC `source`). */
  metadata: Record<string, unknown>;
  /** What this record holds that was mapped or dropped. */
  notes: Note[];
}

/**
 * One record of a file: an item, or a problem of the record. A problem with `leftOut` (a short,
 * stable reason, as a note's) is not an error of the file but a record Cadre cannot keep (a YOLO label
 * file whose image is missing): the import leaves it out and lists it, a strict import refuses it.
 */
export type ReadResult = { ok: true; item: LabelledItem } | { ok: false; error: RowProblem; leftOut?: string };

export interface ReadContext {
  /**
   * The size of an image the labels name, for formats that store normalised coordinates (YOLO):
   * the caller looks in the imported folder, then its media. Null when the image cannot be found.
   */
  imageSize(media: string): Promise<{ width: number; height: number } | null>;
  /**
   * The kind of the project's class of this name, when it has one: a format that could give a box
   * or a richer shape for one object (COCO bbox and segmentation) gives what the class holds.
   */
  kindOf?(label: string): GeometryKind | undefined;
}

/** An item as an exporter sees it: the media as the user gave it, and the chosen annotation's objects. */
export interface ExportItem {
  id: string;
  kind: 'image' | 'pointcloud' | 'text';
  /** The user's own reference (or the path inside the archive when media are exported with it); null for text. */
  media: string | null;
  frames?: string[];
  text?: string;
  width?: number;
  height?: number;
  objects: LabeledObject[];
  /** Who made the annotation and when, when known. */
  author?: string;
  createdAt?: string;
  metadata: Record<string, unknown>;
}

export interface WriteContext {
  ontology: Ontology;
  projectName: string;
  /** Called for each object or item the format cannot hold (YOLO and a polyline); the caller reports them. */
  note(note: Omit<Note, 'file' | 'line'> & { itemId: string }): void;
}

/** One file of an export, its path inside the export ('/'-separated) and its content in pieces. */
export interface OutFile {
  path: string;
  content: AsyncIterable<string | Uint8Array>;
}

/** A fatal problem: the file cannot be read at all (not this format, broken XML, truncated JSON). */
export class FormatError extends Error {
  override name = 'FormatError';
  constructor(readonly file: string, readonly line: number, readonly field: string, readonly detail: string) {
    super(`${file}${line > 0 ? `:${line}` : ''}: ${field ? `${field}: ` : ''}${detail}`);
  }
}

/** Everything Cadre knows about one format lives in one module of this shape. */
export interface FormatModule {
  readonly name: FormatName;
  /** Which items it holds. */
  readonly kinds: ReadonlyArray<'image' | 'pointcloud' | 'text'>;
  /** How sure it is that this source is in the format (0 no, 1 certain), from names and first bytes only. */
  detect(source: Source): Promise<number>;
  read(source: Source, ctx: ReadContext): AsyncGenerator<ReadResult>;
  /**
   * Writes the items; `items()` may be called more than once (a format whose file needs a list
   * before the objects makes two passes rather than holding a million objects in memory).
   */
  write(items: () => AsyncIterable<ExportItem>, ctx: WriteContext): AsyncGenerator<OutFile>;
}
