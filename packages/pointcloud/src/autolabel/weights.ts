// Written by ./train.ts on the tuning frames (270 candidates, 35 on labelled vehicles); do not edit by hand.
export const OBJECTNESS_WEIGHTS: readonly number[] = [-1.053,0.5436,1.3252,-2.5635,2.1222,0.4455,0.163,0.6874,-0.6065,-0.4653];
