export * from './onnx-models.ts';
export * from './ls-backend.ts';
export * from './http-model.ts';
export { startOpenAiServer, type ChatRequest } from './openai-server.ts';
export * from './cloud-model.ts';
