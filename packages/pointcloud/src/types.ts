/** A decoded LiDAR sweep: plain typed arrays so it can cross a Web Worker boundary without copying. */
export interface PointCloud {
  count: number;
  /** x, y, z interleaved, metres, in the sensor frame. */
  positions: Float32Array;
  intensity: Float32Array | null;
  /** Every other named scalar field (ring, timestamp, …); a COUNT > 1 field becomes `name[0]`, `name[1]`, …. */
  fields: Record<string, Float32Array>;
  /** Points left out because x, y or z was NaN or infinite (sensors write NaN for "no return"). */
  dropped: number;
}

export type PointCloudErrorCode = 'truncated' | 'malformed' | 'unsupported';

export class PointCloudError extends Error {
  override name = 'PointCloudError';
  constructor(
    readonly code: PointCloudErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Accepts what fetch, FileReader and node:fs hand out; a Buffer is a Uint8Array already. */
export function asBytes(input: Uint8Array | ArrayBuffer): Uint8Array {
  return input instanceof Uint8Array ? input : new Uint8Array(input);
}

/** 1234560 → "1,234,560": error messages quote sizes a person compares by eye. */
export function n(value: number): string {
  return value.toLocaleString('en-US');
}
