// Small builders for quality tests: plain objects in the payload's shape, without branded-unit noise.
import { CURRENT_SCHEMA_VERSION, type AnnotationPayload, type LabeledObject } from '../annotation.ts';

let counter = 0;
const base = (label: string, frame?: number) => ({ id: `o${++counter}`, label, attributes: {}, ...(frame !== undefined ? { frame } : {}) });

export const payload = (objects: LabeledObject[]): AnnotationPayload => ({ schemaVersion: CURRENT_SCHEMA_VERSION, objects });

export const box = (label: string, x: number, y: number, width: number, height: number, frame?: number): LabeledObject =>
  ({ ...base(label, frame), kind: 'bbox2d', geometry: { x, y, width, height } }) as LabeledObject;

export const poly = (label: string, points: [number, number][]): LabeledObject =>
  ({ ...base(label), kind: 'polygon', geometry: { points } }) as LabeledObject;

export const line = (label: string, points: [number, number][]): LabeledObject =>
  ({ ...base(label), kind: 'polyline', geometry: { points } }) as LabeledObject;

export const point = (label: string, x: number, y: number): LabeledObject =>
  ({ ...base(label), kind: 'point2d', geometry: { x, y } }) as LabeledObject;

export const cuboid = (label: string, x: number, y: number, yaw = 0, size: [number, number, number] = [4.5, 1.9, 1.6], frame?: number): LabeledObject =>
  ({ ...base(label, frame), kind: 'cuboid3d', geometry: { x, y, z: 0.8, dx: size[0], dy: size[1], dz: size[2], yaw } }) as LabeledObject;

export const span = (label: string, start: number, end: number): LabeledObject =>
  ({ ...base(label), kind: 'text_span', geometry: { start, end } }) as LabeledObject;

export const cls = (label: string): LabeledObject => ({ ...base(label), kind: 'text_class', geometry: null }) as LabeledObject;
