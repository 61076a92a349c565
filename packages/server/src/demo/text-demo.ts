// The text demo: short product reviews made from a few phrases, some with a machine's sentiment.
import type { RowResult } from '../services/import.service.ts';

export const TEXT_DEMO = {
  name: 'Demo: product reviews',
  description: 'Sort short product reviews by sentiment and mark the products they name. Generated text, free to share.',
  ontology: { classes: [
    { name: 'positive', kind: 'text_class', color: '#2e7d32', hotkey: '1', attributes: [] },
    { name: 'negative', kind: 'text_class', color: '#c62828', hotkey: '2', attributes: [] },
    { name: 'neutral', kind: 'text_class', color: '#757575', hotkey: '3', attributes: [] },
    { name: 'product', kind: 'text_span', color: '#1565c0', hotkey: '4', attributes: [{ name: 'brand_named', type: 'boolean', required: false }] },
  ] },
  // One person sees the whole line: submit, the machine checks, accepted (and in the export).
  settings: { stages: ['annotate', 'check'] },
};

const PRODUCTS = ['kettle', 'headphones', 'desk lamp', 'backpack', 'blender', 'keyboard'];
const OPINIONS: [string, 'positive' | 'negative' | 'neutral'][] = [
  ['works perfectly and arrived early', 'positive'],
  ['stopped working after two days', 'negative'],
  ['is fine, nothing special', 'neutral'],
  ['is the best purchase I made this year', 'positive'],
  ['broke the first time I used it', 'negative'],
  ['does what the box says', 'neutral'],
];

export async function* textDemoRows(): AsyncGenerator<RowResult> {
  let line = 0;
  for (const product of PRODUCTS) {
    for (const [opinion, sentiment] of OPINIONS) {
      line++;
      const text = `The ${product} ${opinion}.`;
      // Every third item comes with a machine guess, as a pre-labeling model would give.
      const predictions = line % 3 === 0
        ? [{ modelVersion: 'demo-sentiment-v1', score: 0.8, result: [{ type: 'choices', from_name: 'sentiment', to_name: 'text', value: { choices: [sentiment] } }] }]
        : [];
      yield { ok: true, row: { line, data: { text }, predictions, priority: 0 } };
    }
  }
}
