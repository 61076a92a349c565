// Training events for a Label Studio ML backend: POST /webhook with the payload Label Studio's own
// webhooks carry ({action, project: {id, label_config}, task, annotation}), the accepted labels
// turned into Label Studio regions (percent of the image). The caller is usually inside a
// transaction that accepts labels: a backend that is down must not undo that, so every failure is
// returned, never thrown.
import { ModelError, type ImageInput, type Proposal } from '../types.ts';
import { configFor, type LsConfig } from './ls-config.ts';
import { dataUri, knownSize, requireSource, taskIdFor } from './image-payload.ts';
import { projectUid, type LsBackendSpec } from './ls-backend.ts';
import { endpoint, requestJson } from './request.ts';

export type TrainingAction = 'ANNOTATION_CREATED' | 'ANNOTATION_UPDATED' | 'ANNOTATION_DELETED' | 'START_TRAINING';

export interface TrainingEvent {
  action: TrainingAction;
  /** The labeled image (not for START_TRAINING): a URL the backend can fetch, and its size in pixels. */
  item?: { url: string; width: number; height: number };
  /** The accepted labels (not for START_TRAINING): pixels, in the class names the backend knows. */
  annotation?: { id: number | string; objects: TrainingObject[]; completedBy?: number | string };
}

/** One accepted object: a box in pixels, with its outline when it has one. */
export type TrainingObject = Pick<Proposal, 'class' | 'x' | 'y' | 'w' | 'h' | 'polygon'>;

export type TrainingEventResult =
  | { ok: true; status: number; answer: unknown }
  | { ok: false; error: string; code: ModelError['code'] };

/** The labeled image as a training event names it: its URL, else its bytes as a data: URI; its size from the caller or the image's header. */
export function trainingItem(image: ImageInput): { url: string; width: number; height: number } {
  requireSource(image);
  const size = knownSize(image);
  if (!size) throw new ModelError(`image ${JSON.stringify(image.name)}: its size is not known (no width and height, and no bytes to read them from)`, 'bad_image');
  return { url: image.url ?? dataUri(image as ImageInput & { bytes: Uint8Array }), ...size };
}

export async function sendTrainingEvent(spec: LsBackendSpec, event: TrainingEvent, signal?: AbortSignal): Promise<TrainingEventResult> {
  try {
    const ep = endpoint(spec.url);
    const config = configFor(spec);
    const payload = webhookPayload(config, projectUid(spec.project), event);
    const answer = await requestJson(ep, { method: 'POST', route: 'webhook', body: payload }, spec, signal);
    const status = (answer.json as { status?: unknown } | null)?.status;
    if (status === 'Unknown event') return { ok: false, error: `${answer.url} did not know the event ${event.action}`, code: 'bad_response' };
    return { ok: true, status: answer.status, answer: answer.json };
  } catch (err) {
    if (err instanceof ModelError) return { ok: false, error: err.message, code: err.code };
    return { ok: false, error: (err as Error)?.message ?? String(err), code: 'bad_response' };
  }
}

/** The /webhook body Label Studio would send for this event. */
export function webhookPayload(config: LsConfig, project: string, event: TrainingEvent): Record<string, unknown> {
  const actions: TrainingAction[] = ['ANNOTATION_CREATED', 'ANNOTATION_UPDATED', 'ANNOTATION_DELETED', 'START_TRAINING'];
  if (!actions.includes(event?.action)) throw new ModelError(`training event action ${JSON.stringify(event?.action)} is not one of ${actions.join(', ')}`, 'bad_model');
  const id = Number(project.split('.')[0]);
  const body: Record<string, unknown> = { action: event.action, project: { id: Number.isInteger(id) ? id : project.split('.')[0], label_config: config.xml } };
  if (event.action === 'START_TRAINING') return body;
  const { item, annotation } = event;
  if (!item || typeof item.url !== 'string' || !(item.width > 0) || !(item.height > 0)) throw new ModelError(`training event ${event.action} needs the item's url, width and height`, 'bad_image');
  if (!annotation || !Array.isArray(annotation.objects)) throw new ModelError(`training event ${event.action} needs the annotation's objects`, 'bad_model');
  const taskId = taskIdFor(item.url);
  body.task = { id: taskId, data: { [config.dataKey]: item.url } };
  body.annotation = {
    id: annotation.id,
    task: taskId,
    result: annotation.objects.map((o, i) => region(config, o, `${annotation.id}-${i}`, item.width, item.height)),
    was_cancelled: false,
    ground_truth: false,
    ...(annotation.completedBy !== undefined ? { completed_by: annotation.completedBy } : {}),
  };
  return body;
}

function region(config: LsConfig, o: TrainingObject, id: string, W: number, H: number): Record<string, unknown> {
  if (typeof o?.class !== 'string' || o.class === '') throw new ModelError(`training object ${id} has no class name`, 'bad_model');
  for (const k of ['x', 'y', 'w', 'h'] as const) if (!Number.isFinite(o[k])) throw new ModelError(`training object ${id} has ${k} ${String(o[k])}, expected a number`, 'bad_model');
  const pct = (v: number, of: number) => (v / of) * 100;
  const common = { id, original_width: W, original_height: H, image_rotation: 0, origin: 'manual' };
  if (o.polygon && o.polygon.length >= 6 && config.polygon) {
    const points: [number, number][] = [];
    for (let i = 0; i + 1 < o.polygon.length; i += 2) points.push([pct(o.polygon[i]!, W), pct(o.polygon[i + 1]!, H)]);
    return { ...common, from_name: config.polygon.fromName, to_name: config.polygon.toName, type: 'polygonlabels', value: { points, closed: true, polygonlabels: [o.class] } };
  }
  if (!config.rectangle) throw new ModelError('the labeling config has no RectangleLabels control to send boxes to', 'bad_model');
  return {
    ...common,
    from_name: config.rectangle.fromName,
    to_name: config.rectangle.toName,
    type: 'rectanglelabels',
    value: { x: pct(o.x, W), y: pct(o.y, H), width: pct(o.w, W), height: pct(o.h, H), rotation: 0, rectanglelabels: [o.class] },
  };
}
