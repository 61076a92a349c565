// The text in the span engine: people's spans in their class colour, the machine's waiting ones in
// the engine's dashed proposal style with their score. The engine reports selections and picks;
// this keeps it drawing what the task's labels hold.
import { useEffect, useRef } from 'react';
import type { Ontology } from '@cadre/core';
import type { Range, SceneSpan, TextEngineApi, TextLabels } from '@cadre/text-canvas';
import { useTextEngine, type EngineSettings } from './use-text-engine.ts';

const FALLBACK = '#1565c0';

interface Props {
  text: string;
  labels: TextLabels;
  ontology: Ontology;
  settings: EngineSettings;
  selected: string | null;
  onSelect: (id: string | null) => void;
  onRange: (range: Range | null) => void;
  onMessage: (m: string) => void;
  /** The engine and the pane it listens on, once made; null when the pane goes. */
  onEngine: (engine: TextEngineApi | null, pane: HTMLElement | null) => void;
}

export function sceneSpans(labels: TextLabels, ontology: Ontology): SceneSpan[] {
  const color = new Map(ontology.classes.map((c) => [c.name, c.color ?? FALLBACK]));
  const scene = (o: ReturnType<TextLabels['all']>[number], prediction: boolean): SceneSpan => ({
    id: o.id, label: o.label, color: color.get(o.label) ?? FALLBACK, start: o.geometry!.start, end: o.geometry!.end,
    ...(prediction ? { prediction: true } : {}), ...(prediction && o.score !== undefined ? { score: o.score } : {}),
  });
  return [...labels.spans().map((o) => scene(o, false)), ...labels.pendingSpans().map((o) => scene(o, true))];
}

export function SpanPane({ text, labels, ontology, settings, selected, onSelect, onRange, onMessage, onEngine }: Props) {
  const pane = useRef<HTMLDivElement>(null);
  const engine = useTextEngine(pane, settings);
  // The engine's events outlive a render: they call whatever the latest props are.
  const live = useRef({ onSelect, onRange, onMessage, labels });
  live.current = { onSelect, onRange, onMessage, labels };

  useEffect(() => {
    if (!engine) return;
    engine.setText(text);
    onEngine(engine, pane.current);
    pane.current?.focus();
    const offs = [
      engine.on('select', (id) => live.current.onSelect(id)),
      engine.on('remove', (id) => { live.current.labels.remove(id); live.current.onSelect(null); }),
      engine.on('selection', (range) => live.current.onRange(range)),
      engine.on('refused', (reason) => live.current.onMessage(reason)),
    ];
    return () => { for (const off of offs) off(); onEngine(null, null); };
    // Once per engine: the text of a task does not change.
  }, [engine]);

  useEffect(() => {
    if (!engine) return;
    const draw = () => engine.setSpans(sceneSpans(labels, ontology));
    draw();
    return labels.onChange(draw);
  }, [engine, labels, ontology]);

  useEffect(() => {
    if (engine && engine.selected() !== selected) engine.select(selected);
  }, [engine, selected]);

  return <div ref={pane} className="text-pane" tabIndex={0} data-testid="text-pane" aria-label="Text" />;
}
