import type { Ontology } from '@cadre/core';
import { isImageKind } from './kinds/index.ts';
import type { KeyInput, ToolName } from './tools/types.ts';

export type Action =
  | { type: 'tool'; tool: ToolName }
  | { type: 'class'; name: string }
  | { type: 'undo' | 'redo' | 'delete' | 'accept' | 'acceptAll' | 'fit' | 'hide' | 'help' | 'next' | 'previous' };

export interface Shortcut {
  /** Key combinations as shown to people, e.g. 'Ctrl+Shift+Z'; any of them triggers the action. */
  keys: string[];
  description: string;
  action: Action;
}

const BUILT_IN: Shortcut[] = [
  { keys: ['V'], description: 'Select and edit tool', action: { type: 'tool', tool: 'select' } },
  { keys: ['R'], description: 'Rectangle tool', action: { type: 'tool', tool: 'rectangle' } },
  { keys: ['P'], description: 'Polygon tool', action: { type: 'tool', tool: 'polygon' } },
  { keys: ['L'], description: 'Polyline tool', action: { type: 'tool', tool: 'polyline' } },
  { keys: ['O'], description: 'Point tool', action: { type: 'tool', tool: 'point' } },
  { keys: ['Ctrl+Z'], description: 'Undo', action: { type: 'undo' } },
  { keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], description: 'Redo', action: { type: 'redo' } },
  // Backspace too, because many laptop keyboards have no Delete key.
  { keys: ['Delete', 'Backspace'], description: 'Delete the selected objects or predictions', action: { type: 'delete' } },
  { keys: ['A'], description: 'Accept the selected predictions', action: { type: 'accept' } },
  { keys: ['Shift+A'], description: 'Accept all predictions', action: { type: 'acceptAll' } },
  { keys: ['Tab'], description: 'Select the next prediction waiting for a decision (then the next object)', action: { type: 'next' } },
  { keys: ['Shift+Tab'], description: 'Select the previous one', action: { type: 'previous' } },
  { keys: ['F'], description: 'Fit the image to the canvas', action: { type: 'fit' } },
  { keys: ['H'], description: 'Hide or show the selected objects', action: { type: 'hide' } },
  { keys: ['?'], description: 'Show or hide this list of shortcuts', action: { type: 'help' } },
];

/**
 * Every shortcut, built-ins first: a class hotkey that collides with one is listed but never fires.
 * A 2D class without a hotkey gets the next free digit 1–9 in ontology order.
 */
export function shortcutList(ontology: Ontology): Shortcut[] {
  const classes = ontology.classes.filter((c) => isImageKind(c.kind));
  const taken = new Set(classes.flatMap((c) => (c.hotkey === undefined ? [] : [c.hotkey.toLowerCase()])));
  const digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].filter((d) => !taken.has(d));
  const forClasses = classes.flatMap((c): Shortcut[] => {
    const key = c.hotkey ?? digits.shift();
    return key === undefined ? [] : [{ keys: [key.toUpperCase()], description: `Class ${c.name} (${c.kind})`, action: { type: 'class', name: c.name } }];
  });
  return [...BUILT_IN, ...forClasses];
}

/** The action a key press triggers, if any. */
export function matchShortcut(e: KeyInput, shortcuts: readonly Shortcut[]): Action | undefined {
  for (const s of shortcuts) if (s.keys.some((k) => matches(k, e))) return s.action;
  return undefined;
}

function matches(combo: string, e: KeyInput): boolean {
  const parts = combo.split('+');
  // '+' itself would split into empty parts; no shortcut uses it.
  const key = parts.pop()!.toLowerCase();
  const ctrl = parts.includes('Ctrl');
  const shift = parts.includes('Shift');
  if (e.key.toLowerCase() !== key) return false;
  if (ctrl !== Boolean(e.ctrlKey || e.metaKey)) return false;
  // Symbols such as '?' need Shift on most layouts, so Shift only counts for letters and named keys.
  const shiftMatters = /^[a-z]$/.test(key) || key.length > 1;
  return !shiftMatters || shift === Boolean(e.shiftKey);
}
