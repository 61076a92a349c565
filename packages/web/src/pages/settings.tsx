// /projects/:id/settings (managers): the workflow stages, review, rejections, QA sampling, limits and
// the deadline and red lines, the rate card, in forms. The server validates; its complaints show beside each field.
import { settingsOf, type ProjectSettings, type ReasonCode } from '@cadre/core';
import { useEffect, useState, type FormEvent } from 'react';
import { api, type Project } from '../api.ts';
import { numberOrText } from './field-errors.ts';
import { useSettingsPatch } from './use-settings-patch.ts';
import { Field } from './form-field.tsx';
import { ProjectNav } from './project-nav.tsx';
import { RateCardForm } from './rate-card-form.tsx';
import { RedLinesForm } from './red-lines-form.tsx';
import { useCapabilities } from './use-capabilities.ts';

const OPTIONAL_STAGES = ['check', 'review', 'qa'] as const;
const NUMBERS = ['reviewRate', 'maxRejections', 'qaSampleRate', 'qaBatchSize', 'qaThreshold', 'qaSecondSample', 'dailyCap', 'breakAfterMinutes'] as const satisfies readonly (keyof ProjectSettings)[];
type NumberKey = (typeof NUMBERS)[number];
const FIELDS = new Set<string>([...NUMBERS, 'stages', 'rejectReasons', 'qaBatchBy', 'timeZone']);
const reasonsText = (r: ReasonCode[]) => r.map((x) => `${x.code}: ${x.label}`).join('\n');
// One reason a line, "code: label"; a line without a colon is sent as it is, for the server to name.
const parseReasons = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
  const i = l.indexOf(':');
  return i < 0 ? { code: l, label: '' } : { code: l.slice(0, i).trim(), label: l.slice(i + 1).trim() };
});

export function SettingsPage({ projectId }: { projectId: string }) {
  const can = useCapabilities(projectId);
  const [project, setProject] = useState<Project | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => { api('GET /api/projects/:projectId', { params: { projectId } }).then(setProject, (e: Error) => setLoadError(e.message)); }, [projectId]);
  return (
    <>
      <ProjectNav projectId={projectId} />
      <h1>Settings{project ? ` · ${project.name}` : ''}</h1>
      {loadError && <p className="error" role="alert">{loadError}</p>}
      {project && !can.manage && <p className="muted">Only the project's managers change its settings.</p>}
      {project && can.manage && <>
        <WorkflowForm key={project.id} project={project} onSaved={setProject} />
        <RedLinesForm key={`${project.id}-lines`} project={project} onSaved={setProject} />
        <RateCardForm projectId={projectId} />
      </>}
    </>
  );
}

function WorkflowForm({ project, onSaved }: { project: Project; onSaved: (p: Project) => void }) {
  const stored = settingsOf(project.settings);
  const [stages, setStages] = useState<string[]>(stored.stages);
  const [numbers, setNumbers] = useState<Record<NumberKey, string>>(() => Object.fromEntries(NUMBERS.map((k) => [k, String(stored[k] ?? '')])) as Record<NumberKey, string>);
  const [qaBatchBy, setQaBatchBy] = useState<string>(stored.qaBatchBy);
  const [timeZone, setTimeZone] = useState(stored.timeZone);
  const [reasons, setReasons] = useState(reasonsText(stored.rejectReasons));
  const { errors, saved, patch } = useSettingsPatch(project, onSaved);

  async function save(e: FormEvent) {
    e.preventDefault();
    await patch({
      stages: [...(stages.includes('prelabel') ? ['prelabel'] : []), 'annotate', ...OPTIONAL_STAGES.filter((s) => stages.includes(s))],
      ...Object.fromEntries(NUMBERS.map((k) => [k, numberOrText(numbers[k])])),
      qaBatchBy, timeZone, rejectReasons: parseReasons(reasons),
    });
  }

  const num = (k: NumberKey, label: string, hint: string) => (
    <Field id={k} label={label} hint={hint} error={errors[k]}>
      <input id={k} inputMode="decimal" value={numbers[k]} onChange={(e) => setNumbers({ ...numbers, [k]: e.target.value })} />
    </Field>
  );
  return (
    <form className="card" onSubmit={save} aria-label="workflow settings">
      <h2>Workflow</h2>
      <fieldset data-field="stages">
        <legend>Stages, in this order</legend>
        <label style={{ display: 'inline', marginRight: 12 }} title="a model pre-labels each item before people see it (choose and run the model on the Models page)">
          <input type="checkbox" style={{ width: 'auto' }} aria-label="stage prelabel" checked={stages.includes('prelabel')}
            onChange={(e) => setStages(e.target.checked ? ['prelabel', ...stages] : stages.filter((x) => x !== 'prelabel'))} /> prelabel (a model)
        </label>
        <label style={{ display: 'inline' }}><input type="checkbox" style={{ width: 'auto' }} checked disabled /> annotate</label>
        {OPTIONAL_STAGES.map((s) => (
          <label key={s} style={{ display: 'inline', marginLeft: 12 }}>
            <input type="checkbox" style={{ width: 'auto' }} aria-label={`stage ${s}`} checked={stages.includes(s)}
              onChange={(e) => setStages(e.target.checked ? [...stages, s] : stages.filter((x) => x !== s))} /> {s}
          </label>
        ))}
        {errors['stages'] && <p className="error" role="alert" id="stages-error">{errors['stages']}</p>}
      </fieldset>
      {num('reviewRate', 'Review rate', 'share of work a reviewer sees, 0 to 1')}
      {num('maxRejections', 'Rejection limit', 'rejections of one person\'s work before it goes to someone else')}
      <Field id="rejectReasons" label="Rejection reasons" hint="one a line, code: label" error={errors['rejectReasons']}>
        <textarea id="rejectReasons" rows={6} style={{ width: '100%' }} value={reasons} onChange={(e) => setReasons(e.target.value)} />
      </Field>
      <h2>QA sampling</h2>
      {num('qaSampleRate', 'Sample rate', 'share of each batch inspected, above 0 up to 1')}
      <Field id="qaBatchBy" label="Batches" error={errors['qaBatchBy']}>
        <select id="qaBatchBy" value={qaBatchBy} onChange={(e) => setQaBatchBy(e.target.value)}>
          <option value="annotator_day">one per annotator and day</option><option value="count">by count</option>
        </select>
      </Field>
      {num('qaBatchSize', 'Batch size', 'items')}
      {num('qaThreshold', 'Accept threshold', 'share found correct, 0 to 1')}
      {num('qaSecondSample', 'Second sample', 'items when the first is too close to call; 0 off')}
      <h2>Limits</h2>
      {num('dailyCap', 'Daily cap', 'items a person may take on a day; 0 no cap')}
      {num('breakAfterMinutes', 'Break reminder', 'minutes of continuous work; 0 off')}
      <Field id="timeZone" label="Time zone" hint="where a day begins, e.g. UTC or Asia/Shanghai" error={errors['timeZone']}>
        <input id="timeZone" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} />
      </Field>
      {Object.entries(errors).filter(([k]) => !FIELDS.has(k)).map(([k, m]) => <p key={k} className="error" role="alert">{k ? `${k}: ` : ''}{m}</p>)}
      {Object.keys(errors).length > 0 && <p className="error">Nothing was saved: see the fields marked above.</p>}
      {saved && <p role="status" data-testid="settings-saved">Saved.</p>}
      <p><button type="submit">Save workflow settings</button></p>
    </form>
  );
}
