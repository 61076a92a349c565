import { ModelError, type Detector, type ModelSpec } from '../types.ts';
export async function openLsBackend(_spec: Extract<ModelSpec, { type: 'ls-backend' }>): Promise<Detector> {
  throw new ModelError('Label Studio ML backends are being built', 'bad_model');
}
export async function openHttpModel(_spec: Extract<ModelSpec, { type: 'http' }>): Promise<Detector> {
  throw new ModelError('HTTP models are being built', 'bad_model');
}
