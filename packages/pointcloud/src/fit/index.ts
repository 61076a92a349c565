export { fitCuboid, prepareScene } from './fit.ts';
export type { Scene } from './fit.ts';
export { segmentGround, groundAt } from './ground.ts';
export type { GroundModel } from './ground.ts';
export { parseQuad, insideQuad, quadAxes } from './quad.ts';
export { defaultPrior, learnPriors, MIN_LEARNED_BOXES, type LearnedPrior } from './priors.ts';
export type { FitOptions, FitResult, Quad } from './types.ts';
