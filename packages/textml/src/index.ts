// Text models that learn from accepted labels: features, a softmax classifier, uncertainty
// sampling, calibrated auto-accept thresholds and the labelling simulation. Pure: no I/O.
export { tokenize, Vectorizer } from './features.ts';
export type { FeatureOptions, SparseVector } from './features.ts';
export { shuffle, SoftmaxModel } from './softmax.ts';
export type { Example, TrainOptions } from './softmax.ts';
export { TextClassifier, DEFAULT_FEATURES, DEFAULT_TRAINING, EMBEDDING_WEIGHT } from './classifier.ts';
export type { ClassifierOptions, Prediction } from './classifier.ts';
export { pickBatch, STRATEGIES, topClass, uncertainty } from './uncertainty.ts';
export type { Strategy } from './uncertainty.ts';
export { pickThreshold, wilsonLower, Z_95 } from './calibrate.ts';
export type { Scored, Threshold } from './calibrate.ts';
export { holdOut, simulate } from './simulate.ts';
export type { AutoAcceptResult, LabeledText, Round, SimulationOptions, SimulationResult } from './simulate.ts';
export { spansFromTags, tagsFromSpans, scoreSpans } from './spans.ts';
export type { SpanScores, TokenSpan } from './spans.ts';
export { PerceptronTagger, readConll } from './tagger.ts';
export type { TaggedSentence } from './tagger.ts';
export { banking77, ncbiDisease, BANKING77_REPORT_SEED, BANKING77_TEST_SIZE } from './datasets.ts';
export { tokenSpanOf, tokensOf } from './tokens.ts';
export type { Token } from './tokens.ts';
