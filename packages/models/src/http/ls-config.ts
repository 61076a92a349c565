// A Label Studio labeling config: the XML a backend gets at /setup and with every /predict. When
// the project gives none, one is built from its classes (an Image and RectangleLabels over them).
// From a given one we read what the protocol needs: the task data key the Image reads ($image),
// the names of the box and polygon controls, and the class names of their <Label> tags.
import { ModelError } from '../types.ts';

export interface LsControl {
  /** The control's `name`: `from_name` of its results. */
  fromName: string;
  /** The Image it labels: `to_name` of its results. */
  toName: string;
}

export interface LsConfig {
  xml: string;
  /** Task data key the Image tag reads (`value="$image"` gives `image`). */
  dataKey: string;
  /** Every <Label value> in the config, in order, once each. */
  classes: string[];
  rectangle?: LsControl;
  polygon?: LsControl;
}

/** Builds `<View><Image/><RectangleLabels>` over the classes. */
export function buildLabelConfig(classes: readonly string[]): string {
  const labels = classes.map((c) => `    <Label value="${escapeXml(c)}"/>`).join('\n');
  return `<View>\n  <Image name="image" value="$image"/>\n  <RectangleLabels name="label" toName="image">\n${labels}\n  </RectangleLabels>\n</View>`;
}

/** Reads the parts of a config the protocol needs; a config with no Image tag is refused. */
export function readLabelConfig(xml: string): LsConfig {
  if (typeof xml !== 'string' || !/<View\b/i.test(xml)) throw new ModelError('the Label Studio labeling config must be XML with a <View> tag', 'bad_model');
  const tags = [...xml.matchAll(/<([A-Za-z]+)\b([^>]*)>/g)].map((m) => ({ tag: m[1]!.toLowerCase(), attrs: attributes(m[2]!) }));
  const image = tags.find((t) => t.tag === 'image');
  if (!image) throw new ModelError('the Label Studio labeling config has no <Image> tag; only image backends can label here', 'bad_model');
  const value = image.attrs.value ?? '';
  if (!value.startsWith('$') || value.length < 2) throw new ModelError(`the labeling config's <Image> reads ${JSON.stringify(value)}, expected "$key"`, 'bad_model');
  const control = (tag: string): LsControl | undefined => {
    const t = tags.find((x) => x.tag === tag);
    return t?.attrs.name ? { fromName: t.attrs.name, toName: t.attrs.toname ?? image.attrs.name ?? 'image' } : undefined;
  };
  const classes = [...new Set(tags.filter((t) => t.tag === 'label' && t.attrs.value !== undefined).map((t) => t.attrs.value!))];
  return { xml, dataKey: value.slice(1), classes, rectangle: control('rectanglelabels'), polygon: control('polygonlabels') };
}

/** The config a spec asks for: its `labelConfig`, else one built from `extraParams.classes`. */
export function configFor(spec: { labelConfig?: string; extraParams?: Record<string, unknown> }): LsConfig {
  if (spec.labelConfig !== undefined) return readLabelConfig(spec.labelConfig);
  const classes = spec.extraParams?.classes;
  if (classes === undefined) throw new ModelError('a Label Studio ML backend needs labelConfig or extraParams.classes (the class names to build a RectangleLabels config from)', 'bad_model');
  if (!Array.isArray(classes) || classes.length === 0 || classes.some((c) => typeof c !== 'string' || c.trim() === '')) {
    throw new ModelError('extraParams.classes must be a non-empty list of class names', 'bad_model');
  }
  return readLabelConfig(buildLabelConfig([...new Set(classes as string[])]));
}

function attributes(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]!.toLowerCase()] = unescapeXml(m[2] ?? m[3] ?? '');
  return out;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const k = e.toLowerCase();
    if (k.startsWith('#')) {
      const code = k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : `&${e};`;
    }
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[k]!;
  });
}
