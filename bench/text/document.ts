// The bench document: about 100 KB of real ncbi-disease sentences (space-joined tokens, eight
// sentences a paragraph) with their gold Disease spans, topped up to 2,000 spans with machine
// predictions (dashed, some overlapping the gold ones) and nested spans. Generated text stands in
// when ../shared/data is missing. Offsets are code points, as the engine takes them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA } from '@cadre/core/testing';

export interface BenchSpan { id: string; label: string; color: string; start: number; end: number; prediction?: boolean; score?: number }
export interface BenchDocument { text: string; spans: BenchSpan[]; source: string }

const NCBI = join(SHARED_DATA, 'text/ncbi-disease/devel.tsv');
const COLORS: Record<string, string> = { Disease: '#d62728', Gene: '#1f77b4', Chemical: '#2ca02c', Symptom: '#9467bd' };

type Sentence = { tokens: string[]; tags: string[] };

function ncbiSentences(): Sentence[] | null {
  if (!existsSync(NCBI)) return null;
  return readFileSync(NCBI, 'utf8').split(/\n\s*\n/).map((block) => {
    const rows = block.split('\n').filter(Boolean).map((l) => l.split('\t'));
    return { tokens: rows.map((r) => r[0]!), tags: rows.map((r) => r[1] ?? 'O') };
  }).filter((s) => s.tokens.length > 0);
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function generatedSentences(rand: () => number): Sentence[] {
  const words = ['mutation', 'gene', 'patients', 'disease', 'cancer', 'protein', 'was', 'in', 'the', 'of', 'deficiency', 'syndrome', 'ataxia', 'BRCA1', 'expression', 'café', '東京', '😀'];
  return Array.from({ length: 2000 }, () => {
    const tokens = Array.from({ length: 8 + Math.floor(rand() * 20) }, () => words[Math.floor(rand() * words.length)]!).concat('.');
    return { tokens, tags: tokens.map((t) => (t === 'cancer' ? 'B-Disease' : 'O')) };
  });
}

export function benchDocument(targetBytes = 100_000, spanCount = 2000): BenchDocument {
  const rand = random(42);
  const real = ncbiSentences();
  const sentences = real ?? generatedSentences(rand);
  let text = '';
  let cp = 0;
  const tokens: { start: number; end: number }[] = [];
  const spans: BenchSpan[] = [];
  for (let i = 0; Buffer.byteLength(text) < targetBytes; i++) {
    const s = sentences[i % sentences.length]!;
    const sep = i === 0 ? '' : i % 8 === 0 ? '\n\n' : ' ';
    text += sep;
    cp += sep.length;
    let open: BenchSpan | undefined;
    s.tokens.forEach((tok, k) => {
      if (k > 0) { text += ' '; cp += 1; }
      const len = [...tok].length;
      tokens.push({ start: cp, end: cp + len });
      const tag = s.tags[k]!;
      if (tag.startsWith('B-') || (tag.startsWith('I-') && open === undefined)) {
        open = { id: `g${spans.length}`, label: tag.slice(2), color: COLORS[tag.slice(2)] ?? '#d62728', start: cp, end: cp + len };
        spans.push(open);
      } else if (tag.startsWith('I-') && open !== undefined) open.end = cp + len;
      else open = undefined;
      text += tok;
      cp += len;
    });
  }
  const gold = spans.slice(0, spanCount);
  const out = [...gold];
  const labels = ['Gene', 'Chemical', 'Symptom'];
  for (let i = 0; out.length < spanCount; i++) {
    const score = Math.round((0.4 + rand() * 0.6) * 100) / 100;
    if (i % 4 === 0 && gold.length > 0) {
      // A prediction over (or one token wider than) a gold span: overlapping, shown nested.
      const g = gold[Math.floor(rand() * gold.length)]!;
      out.push({ id: `p${i}`, label: 'Disease', color: COLORS.Disease!, start: g.start, end: rand() < 0.5 ? g.end : Math.min(cp, g.end + 4), prediction: true, score });
      continue;
    }
    const t = Math.floor(rand() * (tokens.length - 3));
    const label = labels[i % labels.length]!;
    const width = 1 + Math.floor(rand() * 3);
    out.push({ id: `s${i}`, label, color: COLORS[label]!, start: tokens[t]!.start, end: tokens[t + width - 1]!.end, ...(i % 3 === 0 ? { prediction: true, score } : {}) });
  }
  return { text, spans: out, source: real ? 'ncbi-disease devel.tsv sentences' : 'generated sentences' };
}
