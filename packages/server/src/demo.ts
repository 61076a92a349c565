// The demo project's data is generated here, so Cadre ships nothing it may not redistribute.
import type { RowResult } from './services/import.service.ts';

export const demoOntology = {
  classes: [
    { name: 'positive', kind: 'text_class', color: '#2e7d32', hotkey: '1', attributes: [] },
    { name: 'negative', kind: 'text_class', color: '#c62828', hotkey: '2', attributes: [] },
    { name: 'neutral', kind: 'text_class', color: '#757575', hotkey: '3', attributes: [] },
    { name: 'product', kind: 'text_span', color: '#1565c0', hotkey: '4', attributes: [{ name: 'brand_named', type: 'boolean', required: false }] },
  ],
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

export async function* demoRows(): AsyncGenerator<RowResult> {
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
