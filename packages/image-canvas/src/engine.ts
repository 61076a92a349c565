import type { AnnotationPayload, LabelClass, Ontology } from '@cadre/core';
import { Emitter, History } from '@cadre/document';
import { AnnotationDocument, type Change } from './document.ts';
import { isImageKind, type ImageGeometry, type ImageKind, type ImageObject } from './kinds/index.ts';
import { planCopy, type ImageSize } from './copy-previous.ts';
import { NoteLayer, type NoteCanvas } from './note-layer.ts';
import { NOTE_COLORS, placeNotes, type NotePlacement, type ObjectNote } from './notes.ts';
import { drawNoteOutlines, Renderer, type Context2D, type RenderStats } from './render.ts';
import { matchShortcut, shortcutList, type Action, type Shortcut } from './shortcuts.ts';
import { stylesFor } from './style.ts';
import { createTools, KIND_FOR_TOOL, TOOL_FOR_KIND, type KeyInput, type PointerInput, type Tool, type ToolContext, type ToolName } from './tools/index.ts';
import { Viewport } from './viewport.ts';
import { defaultAttributes, runAction } from './actions.ts';
import { imageObjects, toPayload } from './payload.ts';

export interface EngineOptions {
  ontology: Ontology;
  imageWidth: number;
  imageHeight: number;
  canvasWidth?: number;
  canvasHeight?: number;
  /** How far from a shape, in canvas pixels, a click still picks it. */
  pickTolerance?: number;
}

export interface EngineEvents {
  change: Change;
  selection: ReadonlySet<string>;
  viewport: Viewport;
  tool: ToolName;
  help: boolean;
  notes: readonly ObjectNote[];
}

/**
 * The 2D annotation canvas as one small facade: plain data and input events in, events and draw
 * calls out. It knows no DOM and no framework; a host wires pointer, wheel and key events to it
 * and calls `render` with a canvas context.
 */
export class ImageEngine {
  readonly document = new AnnotationDocument();
  readonly history = new History<ImageObject>(this.document);
  readonly viewport: Viewport;
  readonly shortcuts: readonly Shortcut[];
  readonly options: Readonly<EngineOptions>;
  helpVisible = false;
  private readonly events = new Emitter<EngineEvents>();
  private readonly tools: Record<ToolName, Tool>;
  private readonly renderer: Renderer;
  private current: Tool;
  private panFrom: { x: number; y: number } | undefined;
  private notes: readonly ObjectNote[] = [];
  private noteLayer: NoteLayer | undefined;
  private lastCtx: Context2D | undefined;

  constructor(options: EngineOptions) {
    this.options = Object.freeze({ ...options });
    this.viewport = new Viewport(options.canvasWidth ?? options.imageWidth, options.canvasHeight ?? options.imageHeight);
    this.shortcuts = shortcutList(options.ontology);
    this.renderer = new Renderer(stylesFor(options.ontology));
    this.tools = createTools(this.toolContext());
    this.current = this.tools.select;
    this.document.activeClass = options.ontology.classes.find((c) => isImageKind(c.kind))?.name;
    this.document.events.on('change', (c) => this.events.emit('change', c));
    this.document.events.on('selection', (s) => this.events.emit('selection', s));
  }

  on<K extends keyof EngineEvents>(event: K, fn: (payload: EngineEvents[K]) => void): () => void {
    return this.events.on(event, fn);
  }

  get tool(): ToolName {
    return this.current.name;
  }

  /** Switches tool; a drawing tool also makes the active class one of its kind. Returns false when the ontology has no such class. */
  setTool(name: ToolName): boolean {
    const kind = KIND_FOR_TOOL[name];
    if (kind !== undefined) {
      const cls = this.classFor(kind);
      if (cls === undefined) return false;
      this.document.activeClass = cls.name;
    }
    this.current.cancel();
    this.current = this.tools[name];
    this.events.emit('tool', name);
    return true;
  }

  /** Makes `name` the class new shapes get; while drawing another kind, switches to this class's tool. */
  /** Shows or hides the shortcut list and tells the host, which draws it. */
  setHelpVisible(visible: boolean): void {
    this.helpVisible = visible;
    this.events.emit('help', visible);
  }

  setActiveClass(name: string): void {
    const cls = this.options.ontology.classes.find((c) => c.name === name);
    if (cls === undefined || !isImageKind(cls.kind)) throw new RangeError(`no 2D class named ${JSON.stringify(name)}`);
    this.document.activeClass = name;
    if (this.current.name !== 'select' && KIND_FOR_TOOL[this.current.name] !== cls.kind) this.setTool(TOOL_FOR_KIND[cls.kind]);
  }

  pointerDown(e: PointerInput): void {
    // The middle button pans whatever the tool.
    if (e.button === 1) this.panFrom = { x: e.x, y: e.y };
    else this.current.pointerDown(e);
  }
  pointerMove(e: PointerInput): void {
    if (this.panFrom === undefined) return this.current.pointerMove(e);
    this.viewport.panBy(e.x - this.panFrom.x, e.y - this.panFrom.y);
    this.panFrom = { x: e.x, y: e.y };
    this.events.emit('viewport', this.viewport);
  }
  pointerUp(e: PointerInput): void {
    if (e.button === 1) this.panFrom = undefined;
    else this.current.pointerUp(e);
  }

  /** Zooms about the cursor; one notch of a mouse wheel (deltaY 100) is about 26%. */
  wheel(e: { x: number; y: number; deltaY: number }): void {
    this.viewport.zoomAt(e, 2 ** (-e.deltaY / 300));
    this.events.emit('viewport', this.viewport);
  }

  /** Returns true when the key did something, so the host can preventDefault. */
  key(e: KeyInput): boolean {
    if (this.current.key(e)) return true;
    const action = matchShortcut(e, this.shortcuts);
    return action !== undefined && this.run(action);
  }

  run(action: Action): boolean {
    return runAction(this, action);
  }

  resize(canvasWidth: number, canvasHeight: number): void {
    this.viewport.resize(canvasWidth, canvasHeight);
    this.events.emit('viewport', this.viewport);
  }
  fit(margin = 16): void {
    this.viewport.fit(this.options.imageWidth, this.options.imageHeight, this.viewport.canvasWidth, this.viewport.canvasHeight, margin);
    this.events.emit('viewport', this.viewport);
  }

  render(ctx: Context2D): RenderStats {
    const stats = this.renderer.render(ctx, this.document, this.viewport, this.current.preview(), this.document.activeClass);
    drawNoteOutlines(ctx, this.document, this.viewport, this.notes);
    // On a real canvas the note texts are elements laid over it; a Node test's recorder has none.
    const canvas = (ctx as { canvas?: NoteCanvas }).canvas;
    if (canvas?.ownerDocument) {
      this.noteLayer ??= new NoteLayer(canvas, NOTE_COLORS);
      this.noteLayer.update(this.notePlacements());
    }
    this.lastCtx = ctx;
    return stats;
  }

  /**
   * Reasons a reviewer pinned to objects, and failed machine checks: each noted object is outlined
   * in red (reject) or orange (check) with its note beside it. Notes without an object are the
   * host's to show; notes whose object is gone are not drawn. Redraws at once.
   */
  setNotes(notes: readonly ObjectNote[]): void {
    this.notes = notes.filter((n) => n.objectId !== null).map((n) => ({ ...n }));
    this.events.emit('notes', this.notes);
    if (this.lastCtx !== undefined) this.render(this.lastCtx);
  }

  /** Where each note goes on the canvas now (canvas pixels), for hosts that draw notes themselves. */
  notePlacements(): NotePlacement[] {
    return placeNotes(this.notes, this.document, this.viewport);
  }

  toPayload(): AnnotationPayload {
    return toPayload(this.document);
  }
  /** Opens an item: its saved payload and its machine predictions. Undo history starts afresh. */
  load(payload: AnnotationPayload, predictions: readonly ImageObject[] = []): void {
    this.current.cancel();
    // load clears the history too (History forgets its steps on a load).
    this.document.load({ objects: imageObjects(payload.objects), predictions });
  }
  /**
   * Copies the previous item's objects into this one, as one undo step: fitted to this image (scaled
   * from `from`, the previous image's size, when given), and only those not copied here already.
   */
  copyFrom(previous: AnnotationPayload, from?: ImageSize): { added: ImageObject[]; dropped: number; alreadyThere: number } {
    const plan = planCopy(previous, from ?? null, { width: this.options.imageWidth, height: this.options.imageHeight }, this.document.objects());
    const added = plan.objects.length === 0 ? [] : this.history.transact('copy from previous item', () => plan.objects.map((o) => this.document.add(o)));
    return { added, dropped: plan.dropped, alreadyThere: plan.alreadyThere };
  }

  private classFor(kind: ImageKind): LabelClass | undefined {
    const classes = this.options.ontology.classes;
    const active = classes.find((c) => c.name === this.document.activeClass);
    return active?.kind === kind ? active : classes.find((c) => c.kind === kind);
  }

  private toolContext(): ToolContext {
    const { imageWidth: w, imageHeight: h } = this.options;
    return {
      doc: this.document,
      history: this.history,
      viewport: this.viewport,
      imageWidth: w,
      imageHeight: h,
      tolerance: () => (this.options.pickTolerance ?? 6) / this.viewport.scale,
      imagePoint: (e) => [Math.min(w, Math.max(0, this.viewport.imageX(e.x))), Math.min(h, Math.max(0, this.viewport.imageY(e.y)))],
      create: (kind, geometry: ImageGeometry) => {
        const cls = this.classFor(kind);
        if (cls === undefined) return undefined;
        return this.document.add({ kind, label: cls.name, attributes: defaultAttributes(cls), geometry } as ImageObject, `draw ${kind}`);
      },
    };
  }
}
