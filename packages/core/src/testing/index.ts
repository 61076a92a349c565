// Test support shared by the packages' tests (`@cadre/core/testing`); never imported by app code.
export { SHARED_DATA, hasSharedData, missingSharedData, needsSharedData, sharedDataRequired } from './shared-data.ts';
