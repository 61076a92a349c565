// An ONNX spec checked once, when the model is opened, with every bad key named at once.
import { ModelError, type ModelSpec } from '../types.ts';

export type OnnxSpec = Extract<ModelSpec, { type: 'onnx' }>;

export function checkOnnxSpec(spec: OnnxSpec): void {
  const problems: string[] = [];
  if (typeof spec.file !== 'string' || spec.file === '') problems.push('file must be the path of an .onnx file');
  if (!Array.isArray(spec.classes) || spec.classes.length === 0) problems.push('classes must list the model\'s class names in output order');
  else {
    const bad = spec.classes.findIndex((c) => typeof c !== 'string' || c.trim() === '');
    if (bad >= 0) problems.push(`class ${bad} has no name`);
    const dup = spec.classes.find((c, i) => spec.classes.indexOf(c) !== i);
    if (dup !== undefined) problems.push(`class ${JSON.stringify(dup)} is named twice`);
  }
  if (spec.inputSize !== undefined && !(Number.isInteger(spec.inputSize) && spec.inputSize >= 32 && spec.inputSize % 32 === 0)) {
    problems.push(`inputSize ${spec.inputSize} must be a multiple of 32 (YOLO strides), e.g. 640`);
  }
  for (const key of ['minScore', 'nmsIou'] as const) {
    const v = spec[key];
    if (v !== undefined && !(v >= 0 && v <= 1)) problems.push(`${key} ${v} must be between 0 and 1`);
  }
  if (spec.maxProposals !== undefined && !(Number.isInteger(spec.maxProposals) && spec.maxProposals > 0)) problems.push(`maxProposals ${spec.maxProposals} must be a positive whole number`);
  for (const [name, v] of Object.entries(spec.classMinScore ?? {})) {
    if (Array.isArray(spec.classes) && !spec.classes.includes(name)) problems.push(`classMinScore names ${JSON.stringify(name)}, which is not one of the classes`);
    else if (!(v >= 0 && v <= 1)) problems.push(`classMinScore ${JSON.stringify(name)} ${v} must be between 0 and 1`);
  }
  if (problems.length) throw new ModelError(`ONNX model ${spec.file}: ${problems.join('; ')}`, 'bad_model');
}
