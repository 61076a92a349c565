import { useEffect, useRef, useState } from 'react';
import type { EXPORT_FORMATS } from '@cadre/contract';
import { api, urlOf } from '../api.ts';
import { describeExample, errorLines, formatBytes } from './import-panel.tsx';

type Format = (typeof EXPORT_FORMATS)[number];

// Written out here (the bundle imports the contract as types only); the check below fails to compile
// when the contract gains a format this list lacks.
const FORMATS = [
  ['jsonl', 'Label Studio tasks, one a line (.jsonl)'], ['labelstudio', 'Label Studio JSON'], ['coco', 'COCO'],
  ['yolo', 'YOLO (.zip)'], ['voc', 'Pascal VOC (.zip)'], ['cvat', 'CVAT XML'], ['datumaro', 'Datumaro'], ['mot', 'MOT'],
  ['conll', 'CoNLL / BIO (text)'], ['csv', 'Texts and their class (CSV)'], ['tsv', 'Texts and their class (TSV)'], ['cadre', 'Cadre JSON Lines (ids, versions, provenance)'], ['kitti', 'KITTI (3D, .tar)'], ['sustech', 'SUSTechPOINTS (3D, .tar)'], ['boxes', '3D boxes (JSON)'], ['nuscenes', 'nuScenes info, mmdetection3d (3D, JSON)'],
] as const satisfies readonly (readonly [Format, string])[];
type Listed = (typeof FORMATS)[number][0];
const everyFormatListed: Exclude<Format, Listed> extends never ? true : false = true;
void everyFormatListed;

/** The file name a `Content-Disposition` header gives (`filename*=UTF-8''…` first), or null. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star) { try { return decodeURIComponent(star[1]!.trim()); } catch { /* fall through */ } }
  const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(disposition);
  if (quoted) return quoted[1]!.replace(/\\(.)/g, '$1');
  const bare = /filename\s*=\s*([^;]+)/.exec(disposition);
  return bare ? bare[1]!.trim() : null;
}

/** The notes header (a JSON-encoded list of strings or of `{reason, kind, count, examples}`) as lines. */
export function notesOf(header: string | null): string[] {
  if (!header) return [];
  let list: unknown;
  try { list = JSON.parse(header); } catch { try { list = JSON.parse(decodeURIComponent(header)); } catch { return [header]; } }
  if (!Array.isArray(list)) list = [list];
  return (list as unknown[]).map((n) => {
    if (typeof n === 'string') return n;
    if (n && typeof n === 'object') {
      const o = n as { reason?: string; kind?: string; count?: number; message?: string; examples?: { file: string; line: number; field: string; message: string }[] };
      if (o.reason) {
        const example = o.examples?.[0];
        return `${o.count ?? ''} ${o.kind === 'mapped' ? 'changed' : o.kind === 'dropped' ? 'left out' : ''}: ${o.reason}${example ? ` (e.g. ${describeExample(example)})` : ''}`.trim();
      }
      if (o.message) return o.message;
    }
    return JSON.stringify(n);
  });
}

interface Receiving { received: number; total: number | null; items: number | null }
interface Saved { name: string; bytes: number; items: number | null; notes: string[]; warnings: string | null }

/**
 * Downloads the project's labels in a chosen format: the body is read as a stream (bytes received
 * shown as they come), then saved under the server's file name. Shown to the project's managers
 * and clients, the roles the export route admits.
 */
export function ExportPanel({ projectId }: { projectId: string }) {
  const [allowed, setAllowed] = useState(false);
  const [format, setFormat] = useState<Format>('jsonl');
  const [which, setWhich] = useState<'accepted' | 'latest'>('accepted');
  const [withMedia, setWithMedia] = useState(false);
  const [progress, setProgress] = useState<Receiving | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [error, setError] = useState<string[] | null>(null);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    let live = true;
    setAllowed(false);
    api('GET /api/projects/:projectId/capabilities', { params: { projectId } })
      .then(({ roles }) => { if (live) setAllowed(roles.some((r) => r === 'manager' || r === 'client')); }, () => undefined);
    return () => { live = false; abort.current?.abort(); };
  }, [projectId]);

  async function download() {
    setError(null);
    setSaved(null);
    const controller = new AbortController();
    abort.current = controller;
    setProgress({ received: 0, total: null, items: null });
    try {
      const url = urlOf('GET /api/projects/:projectId/export', { params: { projectId }, query: { format, which, withMedia, onlyAnnotated: false } });
      const res = await fetch(url, { credentials: 'same-origin', signal: controller.signal });
      if (!res.ok) { setError(errorLines(res.status, await res.text())); return; }
      const length = Number(res.headers.get('content-length'));
      const itemsHeader = res.headers.get('x-cadre-export-items') ?? res.headers.get('x-cadre-export-count') ?? res.headers.get('x-cadre-export-sentences');
      const items = itemsHeader !== null && Number.isFinite(Number(itemsHeader)) ? Number(itemsHeader) : null;
      const total = Number.isFinite(length) && length > 0 ? length : null;
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let received = 0;
      let shown = 0;
      if (res.body) {
        const reader = res.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value as Uint8Array<ArrayBuffer>);
          received += value.byteLength;
          // A state change per 64 KB at most: a large export arrives in many small pieces.
          if (received - shown >= 65_536) { shown = received; setProgress({ received, total, items }); }
        }
      }
      setProgress({ received, total, items });
      const name = fileNameOf(res.headers.get('content-disposition')) ?? `export-${format}`;
      const blob = new Blob(chunks, { type: res.headers.get('content-type') ?? 'application/octet-stream' });
      const href = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = href;
      a.download = name;
      a.style.display = 'none';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 60_000);
      setSaved({ name, bytes: received, items, notes: notesOf(res.headers.get('x-cadre-export-notes')), warnings: res.headers.get('x-cadre-export-warnings') });
    } catch (e) {
      setError([controller.signal.aborted ? 'the export was cancelled' : `the download failed: ${e instanceof Error ? e.message : String(e)}`]);
    } finally {
      abort.current = null;
      setProgress(null);
    }
  }

  if (!allowed) return null;
  const imagesApply = !['jsonl', 'cadre', 'csv', 'tsv', 'conll', 'kitti', 'sustech', 'boxes'].includes(format);
  return (
    <div className="card export-panel">
      <h2>Export labels</h2>
      <div className="export-options">
        <label>Format{' '}
          <select aria-label="export format" value={format} onChange={(e) => setFormat(e.target.value as Format)}>
            {FORMATS.map(([f, text]) => <option key={f} value={f}>{text}</option>)}
          </select>
        </label>
        <label>Labels{' '}
          <select aria-label="which labels" value={which} onChange={(e) => setWhich(e.target.value as 'accepted' | 'latest')}>
            <option value="accepted">accepted only</option>
            <option value="latest">latest (accepted, submitted or rejected)</option>
          </select>
        </label>
        <label className="inline"><input type="checkbox" aria-label="include images" checked={withMedia} disabled={!imagesApply} onChange={(e) => setWithMedia(e.target.checked)} /> include images</label>
      </div>
      <p>
        <button onClick={() => void download()} disabled={progress !== null}>Export</button>{' '}
        {progress !== null && <button className="secondary" onClick={() => abort.current?.abort()}>Cancel</button>}
      </p>
      {progress !== null && <>
        {progress.total !== null && <div className="progress" role="progressbar" aria-valuenow={Math.round((progress.received / progress.total) * 100)}><div style={{ width: `${(progress.received / progress.total) * 100}%` }} /></div>}
        <p className="muted" data-testid="export-progress">
          {formatBytes(progress.received)}{progress.total !== null ? ` of ${formatBytes(progress.total)}` : ''} received{progress.items !== null ? ` · ${progress.items} items` : ''}
        </p>
      </>}
      {saved && <div data-testid="export-result">
        <p>Saved {saved.name} ({formatBytes(saved.bytes)}{saved.items !== null ? `, ${saved.items} items` : ''}).</p>
        {saved.notes.length > 0 && <>
          <p className="warning">Not everything could be exported as it is:</p>
          <ul data-testid="export-notes">{saved.notes.map((n, i) => <li key={i}>{n}</li>)}</ul>
        </>}
        {saved.warnings && <p className="muted">{saved.warnings}</p>}
      </div>}
      {error && <div className="error" role="alert" data-testid="export-error">{error.map((l, i) => <p key={i}>{l}</p>)}</div>}
    </div>
  );
}
