// Synthetic sweeps for the render bench: a road, walls and car-sized blobs, with boxes over the blobs.
import type { PointCloud } from '@cadre/pointcloud';
import type { SceneCuboid } from '@cadre/pointcloud-canvas';

export function sweep(count: number, seed: number): PointCloud {
  let s = seed >>> 0;
  const random = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296);
  const positions = new Float32Array(count * 3);
  const intensity = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const r = 2 + random() * 70, a = random() * Math.PI * 2;
    const onObject = random() < 0.3;
    positions[i * 3] = r * Math.cos(a);
    positions[i * 3 + 1] = r * Math.sin(a);
    positions[i * 3 + 2] = onObject ? -1.7 + random() * 1.6 : -1.7 + (random() - 0.5) * 0.05;
    intensity[i] = random();
  }
  return { count, positions, intensity, fields: {}, dropped: 0 };
}

export function boxes(count: number, frame: number): SceneCuboid[] {
  return Array.from({ length: count }, (_, i) => {
    const a = (i / count) * Math.PI * 2, r = 8 + (i % 10) * 5;
    return {
      id: `track-${i}`, label: 'car', color: i % 3 ? '#4fc3f7' : '#ffb74d', trackId: `t${i}`, prediction: i % 4 === 0,
      geometry: { x: r * Math.cos(a) + frame * 0.1, y: r * Math.sin(a), z: -0.9, dx: 4.5, dy: 1.9, dz: 1.6, yaw: a } as SceneCuboid['geometry'],
    };
  });
}
