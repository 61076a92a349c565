// The demo projects made on the first start, one for each workspace (text, image, LiDAR). Their
// data is generated here, so Cadre ships nothing it may not redistribute; the generators are seeded,
// so every installation gets the same pictures and clouds.
import { join } from 'node:path';
import type { MediaConfig } from '../media/config.ts';
import { importer, projectService, type Actor, type ServiceDeps } from '../services/index.ts';
import type { RowResult } from '../import/types.ts';
import { IMAGE_DEMO, imageDemoRows, writeStreetImages } from './image-demo.ts';
import { LIDAR_DEMO, lidarDemoRows, writeLidarSequence } from './lidar-demo.ts';
import { TEXT_DEMO, textDemoRows } from './text-demo.ts';

export { IMAGE_DEMO, IMAGE_MODEL, STREET_IMAGES } from './image-demo.ts';
export { LIDAR_DEMO, LIDAR_MODEL, LIDAR_FRAMES } from './lidar-demo.ts';
export { TEXT_DEMO } from './text-demo.ts';

interface DemoProject { name: string; description: string; ontology: unknown; settings: Record<string, unknown> }

/**
 * Writes the demo media under `<mediaDir>/demo` (served like uploads) and makes the three projects.
 * The caller runs this once, on the first start of an empty database.
 */
export async function createDemoProjects(deps: ServiceDeps, actor: Actor, media: Pick<MediaConfig, 'mediaDir'>): Promise<void> {
  const dir = join(media.mediaDir, 'demo');
  const [images, sequence] = [await writeStreetImages(join(dir, 'streets')), await writeLidarSequence(join(dir, 'lidar-street'))];
  await demoProject(deps, actor, TEXT_DEMO, textDemoRows());
  await demoProject(deps, actor, IMAGE_DEMO, imageDemoRows(images));
  await demoProject(deps, actor, LIDAR_DEMO, lidarDemoRows(sequence));
}

async function demoProject(deps: ServiceDeps, actor: Actor, demo: DemoProject, rows: AsyncGenerator<RowResult>): Promise<void> {
  const project = await projectService.createProject(deps, actor, { name: demo.name, description: demo.description, ontology: demo.ontology as never, settings: demo.settings });
  await importer.importRows(deps, actor, rows, { projectId: project.id, file: 'demo', format: 'generated', skipInvalid: false });
}
