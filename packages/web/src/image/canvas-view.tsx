// Hosts the framework-free ImageEngine: wires DOM pointer, wheel and key events to it. Two stacked
// canvases: the image below, redrawn only when the view moves, and the engine's shapes above,
// redrawn when anything changed.
import { useEffect, useRef, type ReactNode } from 'react';
import { ImageEngine, type ImageObject } from '@cadre/image-canvas';
import type { AnnotationPayload, Ontology } from '@cadre/core';

export interface CanvasViewProps {
  ontology: Ontology;
  image: HTMLImageElement;
  draft: AnnotationPayload;
  predictions: ImageObject[];
  onEngine: (engine: ImageEngine | null) => void;
  /** Drawn over the canvas (the whole item's notes). */
  children?: ReactNode;
}

export function CanvasView({ ontology, image, draft, predictions, onEngine, children }: CanvasViewProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const imageRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current!;
    const ctx = canvas.getContext('2d')!;
    const imageCanvas = imageRef.current!;
    const imageCtx = imageCanvas.getContext('2d')!;
    const size = () => {
      for (const c of [canvas, imageCanvas]) { c.width = canvas.clientWidth; c.height = canvas.clientHeight; }
    };
    size();
    const engine = new ImageEngine({ ontology, imageWidth: image.naturalWidth, imageHeight: image.naturalHeight, canvasWidth: canvas.width, canvasHeight: canvas.height });
    engine.load(draft, predictions);
    engine.fit();
    let dirty = true;
    let viewMoved = true;
    let frame = 0;
    const mark = () => { dirty = true; };
    engine.on('change', mark);
    engine.on('selection', mark);
    engine.on('viewport', () => { dirty = true; viewMoved = true; });
    engine.on('tool', mark);
    const draw = () => {
      if (viewMoved) {
        viewMoved = false;
        const v = engine.viewport;
        imageCtx.setTransform(1, 0, 0, 1, 0, 0);
        imageCtx.clearRect(0, 0, imageCanvas.width, imageCanvas.height);
        imageCtx.setTransform(v.scale, 0, 0, v.scale, v.offsetX, v.offsetY);
        imageCtx.drawImage(image, 0, 0);
      }
      if (dirty) {
        dirty = false;
        engine.render(ctx);
      }
      frame = requestAnimationFrame(draw);
    };
    frame = requestAnimationFrame(draw);

    // Space held turns a left-button drag into a pan (the engine pans on the middle button).
    let spaceDown = false;
    const point = (e: PointerEvent | MouseEvent) => ({
      x: e.offsetX, y: e.offsetY, button: spaceDown && e.button === 0 ? 1 : e.button,
      shiftKey: e.shiftKey, ctrlKey: e.ctrlKey || e.metaKey, detail: e.detail,
    });
    const down = (e: PointerEvent) => { canvas.setPointerCapture(e.pointerId); engine.pointerDown(point(e)); mark(); };
    const move = (e: PointerEvent) => { engine.pointerMove(point(e)); if (e.buttons || engine.document.selection.size) mark(); };
    const up = (e: PointerEvent) => { engine.pointerUp(point(e)); mark(); };
    const wheel = (e: WheelEvent) => { e.preventDefault(); engine.wheel({ x: e.offsetX, y: e.offsetY, deltaY: e.deltaY }); };
    const key = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement) return;
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') return; // the page submits
      if (e.key === ' ') { spaceDown = true; e.preventDefault(); return; }
      if (engine.key({ key: e.key, shiftKey: e.shiftKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey })) { e.preventDefault(); mark(); }
    };
    const keyUp = (e: KeyboardEvent) => { if (e.key === ' ') spaceDown = false; };
    const resize = () => { size(); engine.resize(canvas.width, canvas.height); dirty = true; viewMoved = true; };
    canvas.addEventListener('pointerdown', down);
    canvas.addEventListener('pointermove', move);
    canvas.addEventListener('pointerup', up);
    canvas.addEventListener('wheel', wheel, { passive: false });
    canvas.addEventListener('contextmenu', (e) => e.preventDefault());
    addEventListener('keydown', key);
    addEventListener('keyup', keyUp);
    addEventListener('resize', resize);
    onEngine(engine);
    return () => {
      cancelAnimationFrame(frame);
      removeEventListener('keydown', key);
      removeEventListener('keyup', keyUp);
      removeEventListener('resize', resize);
      onEngine(null);
    };
  }, [ontology, image, draft, predictions, onEngine]);
  return (
    <div className="workspace-stage">
      <canvas ref={imageRef} className="workspace-image" />
      <canvas ref={ref} className="workspace-canvas" data-testid="canvas" />
      {children}
    </div>
  );
}
