import { share, whole, type Rule } from './rule.ts';

// Text projects that learn from their accepted labels (text classification): active learning
// orders the annotate queue by the model's uncertainty; auto-accept labels the items the model is
// sure of, at an accuracy target the administrator sets, with a QA sample going to people.
export type ActiveLearning = 'off' | 'margin' | 'entropy' | 'random';

export interface LearningSettings {
  /** 'off' (default), or how the queue is ordered after each round: margin, entropy (most unsure first) or random. */
  activeLearning: ActiveLearning;
  /** Share of the queue drawn at random (default 0.1): held out of training, they measure the model honestly. */
  learningRandomShare: number;
  /** New accepted labels that start the next round (default 50). */
  learningRetrainAfter: number;
  /** Accuracy the automatically accepted items must reach (e.g. 0.95), judged by a lower confidence bound; null: no auto-accept (default). */
  autoAcceptTarget: number | null;
  /** Share of the automatically accepted items sent to review for QA (default 0.1). */
  autoAcceptQaShare: number;
}

export const DEFAULT_LEARNING: LearningSettings = {
  activeLearning: 'off', learningRandomShare: 0.1, learningRetrainAfter: 50, autoAcceptTarget: null, autoAcceptQaShare: 0.1,
};

const STRATEGIES: readonly ActiveLearning[] = ['off', 'margin', 'entropy', 'random'];

export const LEARNING_RULES: Record<keyof LearningSettings, Rule> = {
  activeLearning: (v) => (STRATEGIES.includes(v as ActiveLearning) ? null : `must be one of ${STRATEGIES.map((s) => `"${s}"`).join(', ')}, got ${JSON.stringify(v)}`),
  learningRandomShare: (v) => (typeof v === 'number' && v >= 0 && v <= 0.5 ? null : `must be a number from 0 to 0.5, got ${JSON.stringify(v)}`),
  learningRetrainAfter: whole(1, 100_000),
  autoAcceptTarget: (v) => (v === null || (typeof v === 'number' && v >= 0.5 && v <= 0.999) ? null : `must be null or an accuracy from 0.5 to 0.999, got ${JSON.stringify(v)}`),
  autoAcceptQaShare: share,
};
