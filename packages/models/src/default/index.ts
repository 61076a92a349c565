import { ModelError, type Detector, type ModelSpec } from '../types.ts';
export async function openDefaultDetector(_spec: Extract<ModelSpec, { type: 'default' }>): Promise<Detector> {
  throw new ModelError('the shipped detector is being built', 'bad_model');
}
