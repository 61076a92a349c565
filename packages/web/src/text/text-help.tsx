// The `?` overlay: every key of the text page. Closes on ?, Escape or a click.
import { useEffect } from 'react';
import { HelpDialog, type KeyHelp } from '../workspace/help-dialog.tsx';

const KEYS: KeyHelp[] = [
  { keys: ['1 … 9, 0'], description: 'the class with that key (or the ontology’s own hotkey): classifies the text, or labels the selected words' },
  { keys: ['key again'], description: 'takes the class off (multi-label projects: each key adds or removes its class)' },
  { keys: ['/'], description: 'find a class by name; Enter picks the first match' },
  { keys: ['mouse drag', 'Shift+←/→'], description: 'select words (snapped to whole tokens unless the project works in characters)' },
  { keys: ['Esc'], description: 'clear the selection' },
  { keys: ['click', 'Tab'], description: 'select a span; Tab walks the machine’s waiting spans' },
  { keys: ['A'], description: 'accept the selected machine span' },
  { keys: ['Shift+A'], description: 'accept every machine span' },
  { keys: ['Delete'], description: 'delete the selected span' },
  { keys: ['Ctrl+Z'], description: 'undo the last span or class edit' },
  { keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], description: 'redo it' },
  { keys: ['B'], description: 'binary review of machine classes on/off' },
  { keys: ['A', '→'], description: 'review: accept the machine’s class, next item' },
  { keys: ['R', '←'], description: 'review: reject it, next item' },
  { keys: ['Enter', 'Ctrl+Enter'], description: 'submit and open the next item' },
  { keys: ['?'], description: 'this list' },
];

/** `deciding`: under review or QA, where `A` decides the work instead of taking a machine label. */
export function TextHelp({ onClose, deciding }: { onClose: () => void; deciding?: 'review' | 'qa' }) {
  useEffect(() => {
    const key = (e: KeyboardEvent) => { if (e.key === 'Escape') onClose(); };
    addEventListener('keydown', key);
    return () => removeEventListener('keydown', key);
  }, [onClose]);
  return <HelpDialog shortcuts={KEYS} deciding={deciding} onClose={onClose} />;
}
