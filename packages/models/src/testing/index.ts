export * from './onnx-models.ts';
