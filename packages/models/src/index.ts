export * from './types.ts';
export { postprocess, nms, boxIou, POSTPROCESS_DEFAULTS } from './postprocess/index.ts';
export { openDetector } from './open.ts';
export { sendTrainingEvent, trainingItem, openCloudModel, type TrainingEvent, type TrainingEventResult, type TrainingObject, type LsBackendSpec, type HttpModelSpec, type RemoteOptions, type CloudModelSpec, type CloudFrame, type CloudBox, type CloudDetection, type CloudDetector } from './http/index.ts';
export { evaluate, type Evaluation, type ClassEvaluation, type EvalImage } from './eval/index.ts';
export { LlmAnnotator, describeLlm, llmConfigFromEnv, classificationMessages, readLabel, type LlmAnswer, type LlmUsage, type LlmConfig, type LlmClass, type LlmExample, type ChatMessage } from './llm/index.ts';
export { loadSentenceEncoder, ENCODER_NAME, ENCODER_DIMENSION, type SentenceEncoder } from './encoder/index.ts';
export { PieceVocabulary } from './encoder/pieces.ts';
