// /models (administrators; managers see the list): the registered models, each version its own
// worker, and the form that registers one: the shipped COCO detector in one click, an ONNX file on
// the server with its class list, a Label Studio ML backend, or a plain HTTP model; for
// administrators, the model report over every project.
import { useEffect, useState, type FormEvent } from 'react';
import type { Model, ModelType, RegisterModelBody } from '@cadre/contract';
import { api } from '../api.ts';
import { failure } from './format.ts';
import { ModelReportView } from './model-report.tsx';
import './machine.css';

const TYPES: readonly (readonly [ModelType, string])[] = [
  ['default', 'the shipped COCO detector (runs here, no network)'],
  ['onnx', 'an ONNX file on the server (YOLOv5/v8/v11 head)'],
  ['ls-backend', 'a Label Studio ML backend (URL)'],
  ['http', 'a plain HTTP model (URL)'],
  ['lidar', 'LiDAR: the shipped auto-labeller (cars, trucks, buses), or your 3D detector (URL)'],
];

export function ModelsPage({ isAdmin }: { isAdmin: boolean }) {
  const [models, setModels] = useState<Model[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => api('GET /api/models').then((r) => { setModels(r.models); setError(null); }, (e) => setError(`The models could not be read: ${failure(e)}`));
  useEffect(() => { void load(); }, []);
  return (
    <>
      <h1>Models</h1>
      <p className="muted">Each model version works as its own worker: it claims pre-label tasks through the same lease as people, and its machine time is costed at its hour rate.</p>
      {isAdmin && <RegisterForm onRegistered={() => void load()} />}
      {error && <p className="error" role="alert">{error}</p>}
      {models && <ModelTable models={models} isAdmin={isAdmin} onChanged={() => void load()} />}
      {isAdmin && <ModelReportView />}
    </>
  );
}

function RegisterForm({ onRegistered }: { onRegistered: (m: Model) => void }) {
  const [type, setType] = useState<ModelType>('default');
  const [name, setName] = useState('');
  const [version, setVersion] = useState('1');
  const [file, setFile] = useState('');
  const [url, setUrl] = useState('');
  const [classes, setClasses] = useState('');
  const [hourRate, setHourRate] = useState('0');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Model | null>(null);

  async function register(body: RegisterModelBody) {
    setError(null);
    setDone(null);
    setBusy(true);
    try {
      const m = await api('POST /api/models', { body });
      setDone(m);
      onRegistered(m);
    } catch (e) {
      setError(`Not registered: ${failure(e)}`);
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const rate = Number(hourRate || '0');
    if (!Number.isInteger(rate) || rate < 0) { setError('Hour rate: a whole number of minor units (cents), 0 or more.'); return; }
    const list = classes.split('\n').map((c) => c.trim()).filter((c) => c !== '');
    if (type === 'onnx' && list.length === 0) { setError('Classes: an ONNX file does not name its classes; give them one a line, in the model\'s output order.'); return; }
    const remote3d = type === 'lidar' && url.trim() !== '';
    if (remote3d && list.length === 0) { setError('Classes: give the class names your 3D detector answers, one a line.'); return; }
    const spec = type === 'default' ? { type } : type === 'lidar' ? (remote3d ? { type, url: url.trim() } : { type }) : type === 'onnx' ? { type, file: file.trim(), classes: list } : { type, url: url.trim() };
    void register({ name: name.trim(), version: version.trim(), spec, hourRateMinor: rate, ...(list.length > 0 ? { classes: list } : {}) });
  }

  return (
    <form className="card register-model" onSubmit={submit} aria-label="register a model">
      <h2>Register a model</h2>
      <p>
        <button type="button" disabled={busy} onClick={() => void register({ name: 'coco-detector', version: 'shipped', spec: { type: 'default' }, hourRateMinor: Number(hourRate) || 0 })}>
          Register the shipped detector
        </button>{' '}
        <span className="muted">CenterNet (MobileNetV3) on COCO's 80 classes, run on the server's CPU.</span>
      </p>
      <div className="register-fields">
        <label>Kind
          <select aria-label="model kind" value={type} onChange={(e) => setType(e.target.value as ModelType)}>
            {TYPES.map(([t, text]) => <option key={t} value={t}>{text}</option>)}
          </select>
        </label>
        <label>Name<input aria-label="model name" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. yolo-cars" /></label>
        <label>Version<input aria-label="model version" value={version} onChange={(e) => setVersion(e.target.value)} /></label>
        <label>Hour rate (minor units)<input aria-label="hour rate" inputMode="numeric" value={hourRate} onChange={(e) => setHourRate(e.target.value)} /></label>
        {type === 'onnx' && <label>ONNX file (a path on the server)<input aria-label="onnx file" value={file} onChange={(e) => setFile(e.target.value)} placeholder="/models/yolo.onnx" /></label>}
        {(type === 'ls-backend' || type === 'http') && <label>URL<input aria-label="model url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="http://localhost:9090" /></label>}
        {type === 'lidar' && <label>URL of your 3D detector (empty: the shipped auto-labeller)<input aria-label="model url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="http://localhost:9100/detect" /></label>}
        <label>Classes, one a line{type === 'onnx' ? ' (required, in output order)' : type === 'lidar' ? ' (required with a URL: the classes it answers)' : ' (optional: read from the model)'}
          <textarea aria-label="model classes" rows={4} value={classes} onChange={(e) => setClasses(e.target.value)} />
        </label>
      </div>
      <p><button type="submit" disabled={busy}>{busy ? 'Opening the model…' : 'Register'}</button></p>
      {done && <p role="status" data-testid="model-registered">Registered {done.label} with {done.classes.length} classes.</p>}
      {error && <p className="error" role="alert" data-testid="register-error">{error}</p>}
    </form>
  );
}

function ModelTable({ models, isAdmin, onChanged }: { models: Model[]; isAdmin: boolean; onChanged: () => void }) {
  const [error, setError] = useState<string | null>(null);
  async function update(m: Model, body: { hourRateMinor?: number; archived?: boolean }) {
    setError(null);
    try {
      await api('PATCH /api/models/:modelId', { params: { modelId: m.id }, body });
      onChanged();
    } catch (e) {
      setError(`${m.label} was not changed: ${failure(e)}`);
    }
  }
  return (
    <div className="card">
      <h2>Registered models</h2>
      {models.length === 0 && <p className="muted">None yet.</p>}
      {models.length > 0 && <table data-testid="models">
        <thead><tr><th>Name</th><th>Version</th><th>Type</th><th>Classes</th><th>Hour rate</th><th /></tr></thead>
        <tbody>{models.map((m) => (
          <tr key={m.id} data-testid="model-row" data-model={m.label} className={m.archivedAt ? 'archived' : ''}>
            <td>{m.name}</td><td>{m.version}</td><td>{m.type}</td>
            <td><details><summary>{m.classes.length}</summary><span className="muted">{m.classes.join(', ')}</span></details></td>
            <td>{isAdmin ? <RateInput m={m} onSave={(r) => void update(m, { hourRateMinor: r })} /> : m.hourRateMinor}</td>
            <td>{m.archivedAt ? <span className="muted">archived</span> : isAdmin && <button className="secondary" onClick={() => void update(m, { archived: true })}>Archive</button>}</td>
          </tr>
        ))}</tbody>
      </table>}
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}

function RateInput({ m, onSave }: { m: Model; onSave: (rate: number) => void }) {
  const [value, setValue] = useState(String(m.hourRateMinor));
  const n = Number(value);
  const valid = value.trim() !== '' && Number.isInteger(n) && n >= 0;
  return (
    <span className="rate-input">
      <input aria-label={`hour rate of ${m.label}`} inputMode="numeric" value={value} onChange={(e) => setValue(e.target.value)} />
      {valid && n !== m.hourRateMinor && <button className="small" onClick={() => onSave(n)}>Save</button>}
      {!valid && <span className="error-text"> a whole number, 0 or more</span>}
    </span>
  );
}
