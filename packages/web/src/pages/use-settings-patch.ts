// Saving some of a project's settings from a form: the server validates, and its complaints come
// back by field ("settings." dropped from their paths) for the form to show beside each input.
import { useState } from 'react';
import { api, type Project } from '../api.ts';
import { fieldErrors } from './field-errors.ts';

export function useSettingsPatch(project: Project, onSaved: (p: Project) => void) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  async function patch(settings: Record<string, unknown>): Promise<void> {
    setErrors({});
    setSaved(false);
    try {
      onSaved(await api('PATCH /api/projects/:projectId', { params: { projectId: project.id }, body: { settings } }));
      setSaved(true);
    } catch (err) {
      setErrors(fieldErrors(err, 'settings.'));
    }
  }
  return { errors, saved, patch };
}
