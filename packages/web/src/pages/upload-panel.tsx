import { useState } from 'react';
import { urlOf } from '../api.ts';

/** Uploads image files one by one (each becomes an item and a task), with a progress bar over all bytes. */
export function UploadPanel({ projectId, onDone }: { projectId: string; onDone: () => void }) {
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [errors, setErrors] = useState<string[]>([]);

  async function upload(files: File[]) {
    const total = files.reduce((n, f) => n + f.size, 0) || 1;
    let done = 0;
    let stored = 0;
    const failed: string[] = [];
    setResult(null);
    setErrors([]);
    setProgress(0);
    for (const file of files) {
      try {
        await send(projectId, file, (loaded) => setProgress((done + loaded) / total));
        stored++;
      } catch (e) {
        failed.push(`${file.name}: ${e instanceof Error ? e.message : String(e)}`);
      }
      done += file.size;
    }
    setProgress(null);
    setResult(`Uploaded ${stored} of ${files.length} images.`);
    setErrors(failed);
    onDone();
  }

  return (
    <div className="card">
      <h2>Upload images</h2>
      <input type="file" aria-label="image files" multiple accept="image/*" onChange={(e) => void upload([...(e.target.files ?? [])])} />
      {progress !== null && <div className="progress" role="progressbar" aria-valuenow={Math.round(progress * 100)}><div style={{ width: `${progress * 100}%` }} /></div>}
      {result && <p data-testid="upload-result">{result}</p>}
      {errors.map((e) => <p key={e} className="error" role="alert">{e}</p>)}
    </div>
  );
}

function send(projectId: string, file: File, onProgress: (loaded: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    // XMLHttpRequest, because fetch reports no upload progress.
    const xhr = new XMLHttpRequest();
    xhr.open('POST', urlOf('POST /api/projects/:projectId/uploads', { params: { projectId }, query: { name: file.name } }));
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      if (xhr.status < 400) return resolve();
      const body = JSON.parse(xhr.responseText || 'null') as { error?: { message: string } } | null;
      reject(new Error(body?.error?.message ?? `HTTP ${xhr.status}`));
    };
    xhr.onerror = () => reject(new Error('the upload failed; check the connection'));
    xhr.send(file);
  });
}
