import { items } from '@cadre/db';
import { OffsetMap } from '@cadre/core';
import { requireProjectRole } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';

export interface ExportOptions {
  /** `accepted` (default): the latest accepted annotation; `latest`: the latest of any state. */
  which?: 'accepted' | 'latest';
  /** Leave out items that have no such annotation. */
  onlyAnnotated?: boolean;
}

const PAGE = 2000;

/**
 * Text spans keep their offsets in Unicode code points (as stored) and gain the `text` they cover,
 * so a reader can check its own counting (a JavaScript `slice` counts UTF-16 units, Python code points).
 */
function withSpanText(payload: unknown, content: string | null): object {
  const p = payload as { objects?: unknown } | null;
  if (content === null || !p || !Array.isArray(p.objects) || !p.objects.some((o) => o?.kind === 'text_span')) return p ?? {};
  const map = new OffsetMap(content);
  return {
    ...p,
    objects: p.objects.map((o) => {
      const g = o?.kind === 'text_span' ? o.geometry : null;
      const fits = g && Number.isSafeInteger(g.start) && Number.isSafeInteger(g.end) && g.start >= 0 && g.start <= g.end && g.end <= map.codePoints;
      return fits ? { ...o, text: map.slice(g.start, g.end) } : o;
    }),
  };
}

/** JSONL lines, one item each, read page by page so a project of any size streams in flat memory. */
export async function* exportJsonl(deps: ServiceDeps, actor: Actor, projectId: string, o: ExportOptions = {}): AsyncGenerator<string> {
  for await (const page of exportPages(deps, actor, projectId, o.which, PAGE)) {
    let chunk = '';
    for (const r of page) {
      if (o.onlyAnnotated && !r.annotation_id) continue;
      chunk += JSON.stringify({
        id: r.id,
        kind: r.kind,
        data: r.kind === 'text' ? { text: r.content } : r.frames ? { frames: r.frames } : { [r.kind === 'image' ? 'image' : 'pointcloud']: r.asset },
        metadata: r.metadata,
        annotation: r.annotation_id ? { id: r.annotation_id, version: r.version, state: r.state, authorId: r.author_id, ...withSpanText(r.payload, r.content) } : null,
      }) + '\n';
    }
    if (chunk) yield chunk;
  }
}

export type ExportRow = Awaited<ReturnType<typeof items.exportPage>>[number];

/**
 * Every exporter's walk over a project: the caller must be a manager or client; items in id order
 * (import order), a page at a time, each with its latest accepted annotation (`which: 'latest'`:
 * its latest of any state).
 */
export async function* exportPages(deps: ServiceDeps, actor: Actor, projectId: string, which: 'accepted' | 'latest' | undefined, pageSize: number): AsyncGenerator<ExportRow[]> {
  await requireProjectRole(deps, actor, projectId, ['manager', 'client']);
  const states = which === 'latest' ? ['accepted', 'submitted', 'rejected'] : ['accepted'];
  let after: string | null = null;
  for (;;) {
    const page = await items.exportPage(deps.db, projectId, states, after, pageSize);
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1]!.id;
  }
}
