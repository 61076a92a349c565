// Opens the detector a stored spec names. Each way in lives in its own folder and is loaded only
// when used, so a server that never runs ONNX never loads onnxruntime.
import { ModelError, type Detector, type ModelSpec } from './types.ts';

export async function openDetector(spec: ModelSpec): Promise<Detector> {
  switch (spec.type) {
    case 'default': return (await import('./default/index.ts')).openDefaultDetector(spec);
    case 'onnx': return (await import('./onnx/index.ts')).openOnnxDetector(spec);
    case 'ls-backend': return (await import('./http/index.ts')).openLsBackend(spec);
    case 'http': return (await import('./http/index.ts')).openHttpModel(spec);
    case 'lidar': throw new ModelError('the LiDAR auto-labeller labels point clouds: the server runs it on point-cloud items, it opens no image detector', 'bad_model');
    case 'llm': throw new ModelError('an LLM labels texts: the server runs it on text items (LlmAnnotator), it opens no image detector', 'bad_model');
    case 'text': throw new ModelError('the text learner classifies texts: learn jobs train and run it per project, it opens no image detector', 'bad_model');
    default: throw new ModelError(`unknown model type ${JSON.stringify((spec as { type?: unknown }).type)} (known: default, onnx, ls-backend, http, lidar, text, llm)`, 'bad_model');
  }
}
