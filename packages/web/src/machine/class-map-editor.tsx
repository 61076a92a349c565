// How a model's classes land in the project: each model class goes to one of the ontology's classes
// or to "not used"; the classes not used are listed in full above the table, never hidden; the
// least score a proposal needs to be stored. Saved with PUT /api/projects/:id/models/:modelId.
import { useMemo, useState } from 'react';
import { modelTargetKinds, type ProjectModel } from '@cadre/contract';
import type { Ontology } from '@cadre/core';
import { api } from '../api.ts';
import { failure } from './format.ts';

const NOT_USED = '';

export function ClassMapEditor({ projectId, pm, ontology, onSaved }: {
  projectId: string; pm: ProjectModel; ontology: Ontology; onSaved: (pm: ProjectModel) => void;
}) {
  const classes = pm.model.classes;
  const [map, setMap] = useState<Record<string, string>>(() => Object.fromEntries(classes.map((c) => [c, pm.classMap[c] ?? NOT_USED])));
  const [minScore, setMinScore] = useState(pm.minScore === null ? '' : String(pm.minScore));
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const targets = ontology.classes.filter((c) => modelTargetKinds(pm.model.type).includes(c.kind));
  const unmapped = classes.filter((c) => map[c] === NOT_USED);
  const mappedCount = classes.length - unmapped.length;
  const changed = classes.some((c) => (pm.classMap[c] ?? NOT_USED) !== map[c]) || minScore !== (pm.minScore === null ? '' : String(pm.minScore));
  const visible = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return f === '' ? classes : classes.filter((c) => c.toLowerCase().includes(f) || (map[c] ?? '').toLowerCase().includes(f));
  }, [classes, filter, map]);

  async function save() {
    setError(null);
    setSaved(false);
    const score = minScore.trim() === '' ? null : Number(minScore);
    if (score !== null && (!Number.isFinite(score) || score < 0 || score > 1)) { setError('Least score: a number from 0 to 1, or empty for the model\'s own threshold.'); return; }
    // Classes left out of the map are not used (the server stores them as null).
    const classMap = Object.fromEntries(classes.filter((c) => map[c] !== NOT_USED).map((c) => [c, map[c]!]));
    try {
      onSaved(await api('PUT /api/projects/:projectId/models/:modelId', { params: { projectId, modelId: pm.model.id }, body: { classMap, minScore: score } }));
      setSaved(true);
    } catch (e) {
      setError(`Nothing was saved: ${failure(e)}`);
    }
  }

  return (
    <div className="class-map" data-testid="class-map">
      <h3>Class map</h3>
      <p className="muted">{mappedCount} of {classes.length} model classes go to the project's classes. Proposals of the others are counted in each job, not stored.</p>
      <div className="unmapped" data-testid="unmapped-classes">
        <b>Not used ({unmapped.length}):</b>{' '}
        {unmapped.length === 0 ? <span className="muted">none: every model class is mapped</span>
          : unmapped.map((c) => <span key={c} className="chip" data-class={c}>{c}</span>)}
      </div>
      {targets.length === 0 && <p className="warning">The project has no box or polygon class: add one to its ontology to use this model's proposals.</p>}
      <div className="class-map-options">
        <label>Least score{' '}
          <input aria-label="least score" inputMode="decimal" placeholder="model default" value={minScore} onChange={(e) => { setMinScore(e.target.value); setSaved(false); }} />
        </label>
        <label>Find a class{' '}
          <input aria-label="find model class" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </label>
      </div>
      <div className="class-map-table">
        <table>
          <thead><tr><th>Model class</th><th>Project class</th></tr></thead>
          <tbody>
            {visible.map((c) => (
              <tr key={c} data-testid="class-map-row" data-class={c} className={map[c] === NOT_USED ? 'unused' : ''}>
                <td>{c}</td>
                <td>
                  <select aria-label={`map ${c}`} value={map[c]} onChange={(e) => { setMap({ ...map, [c]: e.target.value }); setSaved(false); }}>
                    <option value={NOT_USED}>not used</option>
                    {targets.map((t) => <option key={t.name} value={t.name}>{t.name} ({t.kind})</option>)}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <button onClick={save} disabled={!changed}>Save class map</button>
        {saved && <span role="status" data-testid="class-map-saved"> Saved.</span>}
      </p>
      {error && <p className="error" role="alert" data-testid="class-map-error">{error}</p>}
    </div>
  );
}
