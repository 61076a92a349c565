/** The first text_class label of a stored payload (an annotation's or a prediction's); null when it has none. */
export function textClassOf(payload: unknown): string | null {
  const objects = (payload as { objects?: Array<{ kind?: string; label?: unknown }> } | null)?.objects;
  const o = Array.isArray(objects) ? objects.find((x) => x?.kind === 'text_class' && typeof x.label === 'string') : undefined;
  return (o?.label as string | undefined) ?? null;
}
