import type { LabelClass } from '@cadre/core';
import type { History } from '@cadre/document';
import type { AnnotationDocument } from './document.ts';
import type { ImageObject } from './kinds/index.ts';
import type { Action } from './shortcuts.ts';
import type { ToolName } from './tools/types.ts';

/** The pieces of an engine the shortcuts act on (an ImageEngine is one), so actions never import the engine. */
export interface ActionHost {
  readonly document: AnnotationDocument;
  readonly history: History<ImageObject>;
  readonly helpVisible: boolean;
  setTool(name: ToolName): boolean;
  setActiveClass(name: string): void;
  setHelpVisible(visible: boolean): void;
  fit(): void;
}

/** Carries out a shortcut's action; returns false when there was nothing to do it to. */
export function runAction(host: ActionHost, action: Action): boolean {
  const doc = host.document;
  switch (action.type) {
    case 'tool':
      return host.setTool(action.tool);
    case 'class':
      host.setActiveClass(action.name);
      return true;
    case 'undo':
      return host.history.undo();
    case 'redo':
      return host.history.redo();
    case 'delete':
      return deleteSelected(host);
    case 'accept':
      return acceptSelected(host);
    case 'acceptAll':
      return host.history.transact('accept all predictions', () => doc.acceptAllPredictions()).length > 0;
    case 'fit':
      host.fit();
      return true;
    case 'hide':
      return toggleHidden(host);
    case 'help':
      host.setHelpVisible(!host.helpVisible);
      return true;
    case 'next':
    case 'previous':
      return cycleSelection(host, action.type === 'next' ? 1 : -1);
  }
}

/**
 * Keyboard review of machine work: Tab walks the pending predictions (then the objects) one at a
 * time, so `A` accepts and Delete drops each without touching the mouse.
 */
export function cycleSelection(host: ActionHost, step: 1 | -1): boolean {
  const doc = host.document;
  const visible = (ids: string[]) => ids.filter((id) => !doc.hidden.has(id));
  const order = [...visible(doc.predictions().map((p) => p.id)), ...visible(doc.objects().map((o) => o.id))];
  if (order.length === 0) return false;
  const current = [...doc.selection].at(-1);
  const at = current === undefined ? -1 : order.indexOf(current);
  const next = at === -1 ? (step === 1 ? 0 : order.length - 1) : (at + step + order.length) % order.length;
  doc.select([order[next]!]);
  return true;
}

export function deleteSelected(host: ActionHost): boolean {
  const doc = host.document;
  const ids = [...doc.selection].filter((id) => !doc.locked.has(id));
  if (ids.length === 0) return false;
  host.history.transact('delete', () => {
    doc.remove(ids.filter((id) => doc.layerOf(id) === 'objects'));
    doc.deletePrediction(ids.filter((id) => doc.layerOf(id) === 'predictions'));
  });
  return true;
}

/** Accepts the selected predictions and selects the objects they became. */
export function acceptSelected(host: ActionHost): boolean {
  const doc = host.document;
  const ids = [...doc.selection].filter((id) => doc.layerOf(id) === 'predictions');
  if (ids.length === 0) return false;
  const accepted = host.history.transact('accept prediction', () => ids.map((id) => doc.acceptPrediction(id)));
  doc.select(accepted.map((o) => o.id));
  return true;
}

/** Hides the selection (and deselects it, since hidden shapes cannot be edited); with nothing selected, shows everything again. */
export function toggleHidden(host: ActionHost): boolean {
  const doc = host.document;
  if (doc.selection.size === 0) {
    const any = doc.hidden.size > 0;
    doc.hidden.clear();
    return any;
  }
  for (const id of doc.selection) doc.hidden.add(id);
  doc.select([]);
  return true;
}

/** Attribute values a new shape starts with: each spec's default, where it has one. */
export function defaultAttributes(cls: LabelClass): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const spec of cls.attributes) if (spec.default !== undefined) values[spec.name] = spec.default;
  return values;
}
