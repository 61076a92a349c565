// The task flow against the API, for one stage (annotate, review or QA): hold the current task and
// the next one (prefetched, its image already loading), autosave drafts, submit or decide
// idempotently, move on without waiting.
import { api, urlOf, type TaskView } from '../api.ts';
import type { Decision, Stage } from '../workflow/work-mode.ts';

/** `image` is null for an item kind with its own preloader (point clouds: the worker keeps those). */
export interface LoadedTask { view: TaskView; image: HTMLImageElement | null }
/** Gets an item of one kind ready before its task opens, e.g. fetches and parses its first cloud. */
export type Preload = (view: TaskView) => Promise<void>;

function loadImage(view: TaskView): Promise<HTMLImageElement> {
  const img = new Image();
  img.decoding = 'async';
  img.src = urlOf('GET /api/items/:itemId/asset', { params: { itemId: view.item.id } });
  return img.decode().then(() => img, () => { throw new Error(`the image of item ${view.item.id} could not be loaded`); });
}

export class TaskFlow {
  private next: Promise<LoadedTask | null> | null = null;

  constructor(private readonly projectId: string, private readonly preloaders: Partial<Record<string, Preload>> = {}, readonly stage: Stage = 'annotate') {}

  /** `?stage=` for review and QA; annotate is the server's default. */
  private get query(): { stage?: Stage } { return this.stage === 'annotate' ? {} : { stage: this.stage }; }

  private async load(view: TaskView): Promise<LoadedTask> {
    const preload = this.preloaders[view.item.kind];
    if (!preload) return { view, image: await loadImage(view) };
    await preload(view);
    return { view, image: null };
  }

  private async claim(): Promise<LoadedTask | null> {
    const { task } = await api('POST /api/projects/:projectId/tasks/next', { params: { projectId: this.projectId }, query: this.query });
    return task ? this.load(task) : null;
  }

  /**
   * The task to work on now: the one the address names (opened for me by the server, or refused
   * with why), else one already held (after a reload), else a new one.
   */
  async first(taskId?: string): Promise<LoadedTask | null> {
    const held = await api('GET /api/projects/:projectId/tasks/mine', { params: { projectId: this.projectId }, query: this.query });
    const named = taskId ? await api('POST /api/tasks/:taskId/open', { params: { taskId } }) : undefined;
    const others = held.filter((t) => t.task.id !== named?.task.id);
    const current = named ? await this.load(named) : others[0] ? await this.load(others.shift()!) : await this.claim();
    const spare = others[0];
    this.next = spare ? this.load(spare) : this.claim().catch(() => null);
    return current;
  }

  /** Gives the task back with a reason (it goes to someone else) and returns the next one. */
  async skip(taskId: string, reason: string, note: string): Promise<LoadedTask | null> {
    await api('POST /api/tasks/:taskId/skip', { params: { taskId }, body: { reason, ...(note ? { note } : {}) } });
    const next = (await this.next) ?? (await this.claim());
    this.next = this.claim().catch(() => null);
    return next;
  }

  async saveDraft(taskId: string, annotation: unknown): Promise<void> {
    await api('PUT /api/tasks/:taskId/draft', { params: { taskId }, body: { annotation } });
  }

  /** Keeps the draft when the page goes away (tab closed, reload): the request outlives the page. */
  saveDraftOnLeave(taskId: string, annotation: unknown): void {
    void fetch(urlOf('PUT /api/tasks/:taskId/draft', { params: { taskId } }), {
      method: 'PUT', keepalive: true, credentials: 'same-origin',
      headers: { 'content-type': 'application/json' }, body: JSON.stringify({ annotation }),
    });
  }

  /** Sends one submission, retrying with the same submission id, so a retry never stores it twice. */
  private send(taskId: string, annotation: unknown): Promise<void> {
    const submissionId = crypto.randomUUID();
    return retried(() => api('POST /api/tasks/:taskId/submit', { params: { taskId }, body: { submissionId, annotation } }));
  }

  /**
   * A review or QA decision, retried with the same decision id (made here, once per decision), then
   * the prefetched next task of the same stage.
   */
  async decide(taskId: string, decision: Decision): Promise<LoadedTask | null> {
    const decisionId = crypto.randomUUID();
    // A whole-item reason leaves objectId out: the server's schema coerces a null to "" (an unknown object).
    const reasons = decision.reasons?.map(({ objectId, ...r }) => (objectId === null ? r : { ...r, objectId }));
    const body = { decisionId, ...decision, ...(reasons ? { reasons } : {}) };
    await retried(() => api('POST /api/tasks/:taskId/review', { params: { taskId }, body }));
    const next = (await this.next) ?? (await this.claim());
    this.next = this.claim().catch(() => null);
    return next;
  }

  /** Submits (retrying with the same submission id) and returns the prefetched next task. */
  async submit(taskId: string, annotation: unknown): Promise<LoadedTask | null> {
    await this.send(taskId, annotation);
    const next = (await this.next) ?? (await this.claim());
    this.next = this.claim().catch(() => null);
    return next;
  }

  /**
   * Hands over the prefetched next task without waiting for the submission, which goes on in the
   * background (fast review: a decision a second). The one after is claimed once it is stored, so
   * the hold limit is kept; `onError` hears of a submission that failed for good.
   */
  async submitAndMoveOn(taskId: string, annotation: unknown, onError: (e: unknown) => void): Promise<LoadedTask | null> {
    const stored = this.send(taskId, annotation);
    stored.catch(onError);
    const prefetched = this.next;
    // After the prefetched claim too: submissions may land out of order, the tasks still come in order.
    this.next = Promise.all([stored, prefetched]).then(() => this.claim()).catch(() => null);
    const next = prefetched ? await prefetched : null;
    if (next) return next;
    // Nothing was waiting: the queue may have refilled since; ask once the submission is in.
    const later = this.next;
    this.next = later.then(() => this.claim()).catch(() => null);
    return later;
  }
}

/** Retries a request that failed on the network (the server may or may not have stored it). */
async function retried(request: () => Promise<unknown>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await request();
      return;
    } catch (e) {
      const network = e instanceof TypeError;
      if (!network || attempt >= 4) throw e;
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
    }
  }
}
