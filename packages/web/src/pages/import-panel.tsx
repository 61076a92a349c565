import { useState } from 'react';
import type { IMPORT_AS, IMPORT_FORMATS, ImportReport as Report } from '@cadre/contract';
import { urlOf } from '../api.ts';

type Format = (typeof IMPORT_FORMATS)[number];
type As = (typeof IMPORT_AS)[number];
type Problem = NonNullable<Report['problems']>[number];
type Example = Problem['examples'][number];

// The lists are written out here (the bundle imports the contract as types only); the checks below
// fail to compile when the contract gains a format this list lacks.
const FORMATS = [
  ['coco', 'COCO (JSON)'], ['yolo', 'YOLO (.zip of the dataset folder)'], ['voc', 'Pascal VOC (XML, or a .zip)'],
  ['cvat', 'CVAT (XML)'], ['labelstudio', 'Label Studio (JSON export)'], ['datumaro', 'Datumaro (JSON, or a .zip)'],
  ['mot', 'MOT (gt.txt, or a .zip)'], ['json', 'Cadre tasks: JSON array'], ['jsonl', 'Cadre tasks: JSONL'], ['csv', 'Cadre tasks: CSV'],
  ['conll', 'CoNLL / BIO tokens'],
] as const satisfies readonly (readonly [Format, string])[];
type Listed = (typeof FORMATS)[number][0];
const everyFormatListed: Exclude<Format, Listed> extends never ? true : false = true;
void everyFormatListed;

const AS: readonly (readonly [As, string])[] = [
  ['prelabels', 'pre-labels to check (machine suggestions the annotator confirms)'],
  ['drafts', 'drafts to review (go straight to review)'],
  ['labels', 'accepted labels (final, no review)'],
];

/** What the file's name says about its format, before the server reads its first bytes. */
export function guessFormat(name: string): string {
  const n = name.toLowerCase();
  if (n.endsWith('.zip')) return 'a dataset folder: YOLO, VOC, COCO, Datumaro or MOT, told by its files';
  if (n.endsWith('.jsonl') || n.endsWith('.ndjson')) return 'jsonl';
  if (n.endsWith('.csv')) return 'csv';
  if (n.endsWith('.conll') || n.endsWith('.bio') || n.endsWith('.tsv')) return 'conll';
  if (n.endsWith('.xml')) return 'cvat or voc, told by its first element';
  if (n.endsWith('.txt')) return 'mot or conll, told by its lines';
  if (n.endsWith('.json')) return 'coco, labelstudio, datumaro or Cadre tasks, told by its keys';
  return 'told by its content';
}

export const formatBytes = (n: number) => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/** `file:line field: message`, the one way a place in a file is named. */
export function describeExample(e: Partial<Example>): string {
  const where = `${e.file ?? ''}${e.line ? `:${e.line}` : ''}`;
  return [where, e.field ? `${e.field}:` : '', e.message ?? ''].filter((s) => s !== '').join(' ');
}

/** An error answer in full: the message, then each place it names (row errors, or schema paths). */
export function errorLines(status: number, text: string): string[] {
  type ErrorBody = { error?: { code?: string; message?: string; details?: unknown } } | null;
  const parse = (): ErrorBody => { try { return JSON.parse(text) as ErrorBody; } catch { return null; } };
  const e = parse()?.error;
  if (!e) return [`HTTP ${status}${text ? `: ${text.slice(0, 500)}` : ''}`];
  const lines = [`${e.message ?? `HTTP ${status}`} (${e.code ?? 'error'}, HTTP ${status})`];
  const details = Array.isArray(e.details) ? e.details : e.details && typeof e.details === 'object' ? [e.details] : [];
  for (const d of details as Record<string, unknown>[]) {
    if (typeof d !== 'object' || d === null) continue;
    if ('path' in d) lines.push(`${String(d.path)}: ${String(d.message ?? '')}`);
    else if ('file' in d || 'line' in d || 'field' in d) lines.push(describeExample(d as Partial<Example>));
  }
  return lines;
}

interface Uploading { loaded: number; total: number; file: string }

/**
 * Sends a task file, a label file in another tool's format, or a .zip of a dataset folder as the
 * request body, with what its labels become; shows the bytes uploaded, then the importer's report.
 */
export function ImportPanel({ projectId, onDone }: { projectId: string; onDone: () => void }) {
  const [progress, setProgress] = useState<Uploading | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string[] | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [strict, setStrict] = useState(false);
  const [format, setFormat] = useState<Format | ''>('');
  const [as, setAs] = useState<As>('prelabels');
  const [chosen, setChosen] = useState<string | null>(null);

  function upload(file: File) {
    setError(null);
    setReport(null);
    setChosen(file.name);
    setProgress({ loaded: 0, total: file.size, file: file.name });
    // XMLHttpRequest, because fetch reports no upload progress.
    const xhr = new XMLHttpRequest();
    const query = { file: file.name, skipInvalid, strict, as, ...(format ? { format } : {}) };
    xhr.open('POST', urlOf('POST /api/projects/:projectId/import', { params: { projectId }, query }));
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => setProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size, file: file.name });
    xhr.onload = () => {
      setProgress(null);
      if (xhr.status >= 400) { setError(errorLines(xhr.status, xhr.responseText)); return; }
      try {
        setReport(JSON.parse(xhr.responseText) as Report);
      } catch {
        setError([`the server's answer is not a report: ${xhr.responseText.slice(0, 300)}`]);
        return;
      }
      onDone();
    };
    xhr.onerror = () => { setProgress(null); setError(['the upload failed; check the connection and try again']); };
    xhr.send(file);
  }

  const detected = format === '' ? (report?.format ?? (chosen ? guessFormat(chosen) : null)) : null;
  return (
    <div className="card import-panel">
      <h2>Import tasks</h2>
      <p className="muted">
        A file of tasks (JSON array, JSONL or CSV in Label Studio's task shape, e.g. {'{"data": {"image": "https://…"}, "predictions": […]}'}),
        labels in another tool's format (COCO, YOLO, Pascal VOC, CVAT, Label Studio, Datumaro, MOT), or a .zip of a dataset folder with or without its images.
        Images the labels name are found in the archive or in the server's media folders.
      </p>
      <div className="import-options">
        <label>Format{' '}
          <select aria-label="import format" value={format} onChange={(e) => setFormat(e.target.value as Format | '')}>
            <option value="">detect from the file</option>
            {FORMATS.map(([f, text]) => <option key={f} value={f}>{text}</option>)}
          </select>
        </label>
        {detected && <span className="muted" data-testid="import-format">{report?.format ? `read as ${report.format}` : `detected: ${detected}`}</span>}
        <label>The file's labels become{' '}
          <select aria-label="labels become" value={as} onChange={(e) => setAs(e.target.value as As)}>
            {AS.map(([a, text]) => <option key={a} value={a}>{text}</option>)}
          </select>
        </label>
        <label className="inline"><input type="checkbox" aria-label="strict" checked={strict} onChange={(e) => setStrict(e.target.checked)} /> stop on anything that cannot be imported as it is (nothing is imported then)</label>
        <label className="inline"><input type="checkbox" aria-label="skip invalid rows" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} /> skip invalid rows and report them</label>
      </div>
      <input type="file" aria-label="task file" disabled={progress !== null} accept=".json,.jsonl,.ndjson,.csv,.conll,.bio,.tsv,.txt,.xml,.zip"
        onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) upload(f); }} />
      {progress !== null && <>
        <div className="progress" role="progressbar" aria-valuenow={Math.round((progress.loaded / (progress.total || 1)) * 100)}><div style={{ width: `${(progress.loaded / (progress.total || 1)) * 100}%` }} /></div>
        <p className="muted" data-testid="import-progress">
          {progress.loaded < progress.total ? `${progress.file}: ${formatBytes(progress.loaded)} of ${formatBytes(progress.total)} uploaded` : `${progress.file}: uploaded (${formatBytes(progress.total)}); the server is reading it…`}
        </p>
      </>}
      {report && <ImportReportView report={report} />}
      {error && <div className="error" role="alert" data-testid="import-error">{error.map((l, i) => <p key={i}>{l}</p>)}</div>}
    </div>
  );
}

function ImportReportView({ report: r }: { report: Report }) {
  const counts: [string, number | undefined][] = [
    ['items', r.imported], ['accepted labels', r.labels], ['drafts to review', r.drafts], ['pre-labels (predictions)', r.predictions],
    ['annotations', r.annotations], ['rows skipped', r.skipped],
  ];
  const problemNotes = new Set((r.problems ?? []).map((p) => p.reason));
  const notes = (r.notes ?? []).filter((n) => ![...problemNotes].some((reason) => n.includes(reason)));
  return (
    <div className="import-report">
      <p data-testid="import-result">
        Imported {r.imported} items ({r.predictions} predictions{r.labels ? `, ${r.labels} accepted labels` : ''}{r.drafts ? `, ${r.drafts} drafts to review` : ''})
        {r.skipped ? `, skipped ${r.skipped}: ${r.errors.map((e) => describeExample(e)).join('; ')}` : ''}.
      </p>
      <table className="report-counts" data-testid="import-counts">
        <tbody>
          {counts.filter(([, n]) => n !== undefined).map(([name, n]) => <tr key={name}><th>{name}</th><td data-count={name}>{n}</td></tr>)}
          {r.format && <tr><th>format</th><td>{r.format}</td></tr>}
          <tr><th>classes added</th><td data-testid="added-classes">{r.addedClasses?.length ? r.addedClasses.join(', ') : 'none'}</td></tr>
        </tbody>
      </table>
      {(r.problems?.length ?? 0) > 0 && <>
        <h3>What was changed or left out</h3>
        <table className="report-problems" data-testid="import-problems">
          <thead><tr><th>Reason</th><th /><th>Count</th><th>First examples</th></tr></thead>
          <tbody>
            {r.problems!.map((p) => (
              <tr key={`${p.kind}:${p.reason}`} data-testid="import-problem">
                <td>{p.reason}</td><td>{p.kind === 'dropped' ? 'left out' : 'changed'}</td><td>{p.count}</td>
                <td>{p.examples.slice(0, 3).map((e, i) => <div key={i} className="example">{describeExample(e)}</div>)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>}
      {r.errors.length > 0 && <>
        <h3>Rows skipped</h3>
        <ul data-testid="import-errors">{r.errors.map((e, i) => <li key={i}>{describeExample(e)}</li>)}</ul>
      </>}
      {r.leftOut && <p className="muted">{r.leftOut.count} files left out: {r.leftOut.files.slice(0, 5).map((f) => `${f.file} (${f.reason})`).join('; ')}{r.leftOut.count > 5 ? '; …' : ''}</p>}
      {r.clamped && <p className="muted">{r.clamped.boxes} boxes moved into their image (at most {r.clamped.maxPx.toFixed(2)} px).</p>}
      {r.importedBefore && <p className="warning">A file of this name was imported before ({r.importedBefore.items} items{r.importedBefore.at ? `, ${new Date(r.importedBefore.at).toLocaleString()}` : ''}): its items are now in the project twice.</p>}
      {notes.length > 0 && <ul className="muted" data-testid="import-notes">{notes.map((n, i) => <li key={i}>{n}</li>)}</ul>}
    </div>
  );
}
