// Remote models: a Label Studio ML backend (its protocol, unchanged) and a plain HTTP model (the
// contract in docs/models-http.md). Both answer the one Detector shape; requests share one set of
// rules (request.ts): timeouts, retries with backoff, cancellation, errors naming the URL and field.
export { openLsBackend, projectUid, type LsBackendSpec } from './ls-backend.ts';
export { sendTrainingEvent, trainingItem, webhookPayload, type TrainingAction, type TrainingEvent, type TrainingEventResult, type TrainingObject } from './ls-training.ts';
export { buildLabelConfig, readLabelConfig, configFor, type LsConfig, type LsControl } from './ls-config.ts';
export { openHttpModel, type HttpModelSpec } from './http-model.ts';
export { openCloudModel, type CloudModelSpec, type CloudFrame, type CloudBox, type CloudDetection, type CloudDetector } from './cloud-model.ts';
export { REMOTE_DEFAULTS, type RemoteOptions } from './request.ts';
