export { LlmAnnotator, type LlmAnswer, type LlmUsage } from './annotator.ts';
export { describeLlm, llmConfigFromEnv, type LlmConfig } from './config.ts';
export { classificationMessages, readLabel, type LlmClass, type LlmExample, type ChatMessage } from './prompt.ts';
