import { ModelError, type Detector, type ModelSpec } from '../types.ts';
export async function openOnnxDetector(_spec: Extract<ModelSpec, { type: 'onnx' }>): Promise<Detector> {
  throw new ModelError('ONNX models are being built', 'bad_model');
}
