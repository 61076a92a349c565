import { useState } from 'react';
import type { ImportReport as Report } from '@cadre/contract';
import { urlOf } from '../api.ts';

/** Sends a task file as the request body and shows how much is uploaded, then the importer's report. */
export function ImportPanel({ projectId, onDone }: { projectId: string; onDone: () => void }) {
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);

  function upload(file: File) {
    setError(null);
    setResult(null);
    setProgress(0);
    // XMLHttpRequest, because fetch reports no upload progress.
    const xhr = new XMLHttpRequest();
    xhr.open('POST', urlOf('POST /api/projects/:projectId/import', { params: { projectId }, query: { file: file.name, skipInvalid } }));
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) setProgress(e.loaded / e.total); };
    xhr.onload = () => {
      setProgress(null);
      const body = JSON.parse(xhr.responseText || 'null') as Report & { error?: { message: string } };
      if (xhr.status >= 400) { setError(body?.error?.message ?? `HTTP ${xhr.status}`); return; }
      setResult(`Imported ${body.imported} items (${body.predictions} predictions)${body.skipped ? `, skipped ${body.skipped}: ${body.errors.map((e) => `line ${e.line} ${e.field}: ${e.message}`).join('; ')}` : ''}.`);
      onDone();
    };
    xhr.onerror = () => { setProgress(null); setError('the upload failed; check the connection and try again'); };
    xhr.send(file);
  }

  return (
    <div className="card">
      <h2>Import tasks</h2>
      <p className="muted">A JSON array, JSONL or CSV file in Label Studio's task shape, e.g. {'{"data": {"image": "https://…"}, "predictions": […]}'}.</p>
      <input type="file" aria-label="task file" accept=".json,.jsonl,.ndjson,.csv" onChange={(e) => { const f = e.target.files?.[0]; if (f) upload(f); }} />
      <label style={{ display: 'inline' }}><input type="checkbox" style={{ width: 'auto' }} checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} /> skip invalid rows and report them</label>
      {progress !== null && <div className="progress" role="progressbar" aria-valuenow={Math.round(progress * 100)}><div style={{ width: `${progress * 100}%` }} /></div>}
      {result && <p data-testid="import-result">{result}</p>}
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}
