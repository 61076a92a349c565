// Which key labels which class: the ontology's `hotkey` where it names one, else the free keys of
// 1..9, 0 in ontology order. Classes past those are picked with the class filter (`/`).
import type { LabelClass } from '@cadre/core';

const SPARE = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

export interface ClassKey { cls: LabelClass; key: string | null }

export function classKeys(classes: readonly LabelClass[]): ClassKey[] {
  const taken = new Set(classes.flatMap((c) => (c.hotkey ? [c.hotkey.toLowerCase()] : [])));
  const spare = SPARE.filter((k) => !taken.has(k));
  return classes.map((cls) => ({ cls, key: cls.hotkey ? cls.hotkey.toLowerCase() : spare.shift() ?? null }));
}

/** The key as class hotkeys name it: Shift+1 is still `1` (it adds a class in single-label mode). */
export function keyName(e: Pick<KeyboardEvent, 'code' | 'key'>): string {
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(e.code);
  if (digit) return digit[1]!;
  const letter = /^Key([A-Z])$/.exec(e.code);
  if (letter) return letter[1]!.toLowerCase();
  return e.key.toLowerCase();
}

/** True when the key is being typed into a field, where page shortcuts must stay out of the way. */
export function typing(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  return !!t && (/^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName) || t.isContentEditable);
}
