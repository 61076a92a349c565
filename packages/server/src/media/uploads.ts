import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError, invalid } from '../errors.ts';
import type { RowResult } from '../import/types.ts';
import { requireProjectRole } from '../services/access.ts';
import type { Actor, ServiceDeps } from '../services/context.ts';
import { importRows } from '../services/import.service.ts';
import type { MediaConfig } from './config.ts';
import { ImageInfoError } from './image-errors.ts';
import { EXTENSIONS, readImageInfo } from './image-info.ts';
import { importsRepo, projects } from '@cadre/db';
import { kindMismatch, projectItemKinds, type Ontology } from '@cadre/core';

export const UPLOAD_LIMIT = 64 * 1024 * 1024;

export interface Upload { itemId: string; asset: string; width: number; height: number }

/**
 * Stores an uploaded image under its SHA-256 (the same bytes twice are one file) and makes an item
 * and task of it through the importer, so uploads get the import's records and events. The bytes go
 * to a temporary file first and are renamed once whole and checked, so a half upload never shows.
 */
export async function storeUpload(deps: ServiceDeps, actor: Actor, projectId: string, name: string, body: AsyncIterable<Buffer>, media: MediaConfig): Promise<Upload> {
  await requireProjectRole(deps, actor, projectId, ['manager']);
  const project = await projects.findProject(deps.db, projectId);
  const misfit = project ? kindMismatch(projectItemKinds(project.ontology as Ontology), 'image') : null;
  if (misfit) throw invalid(`name: ${name} is ${misfit}`, [{ path: 'name', message: misfit }]);
  await mkdir(media.mediaDir, { recursive: true });
  const temp = join(media.mediaDir, `.upload-${randomUUID()}`);
  try {
    const hash = createHash('sha256');
    let size = 0;
    await pipeline(body, async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        size += chunk.length;
        if (size > UPLOAD_LIMIT) throw new AppError('payload_too_large', `uploads are limited to ${UPLOAD_LIMIT / 1024 / 1024} MiB`);
        hash.update(chunk);
        yield chunk;
      }
    }, createWriteStream(temp));
    const info = await readImageInfo(temp).catch((e: unknown) => {
      if (e instanceof ImageInfoError) throw invalid(`${name} is not an image Cadre can read: ${e.message}`);
      throw e;
    });
    const asset = join(media.mediaDir, `${hash.digest('hex')}.${EXTENSIONS[info.format]}`);
    await rename(temp, asset);
    const report = await importRows(deps, actor, oneRow({ image: asset, name }), { projectId, file: name, format: 'upload', skipInvalid: false });
    const [itemId] = await importsRepo.itemIdsOfImport(deps.db, report.importId);
    if (!itemId) throw new Error(`upload import ${report.importId} made no item`);
    return { itemId, asset, width: info.width, height: info.height };
  } finally {
    await rm(temp, { force: true });
  }
}

async function* oneRow(data: Record<string, unknown>): AsyncGenerator<RowResult> {
  yield { ok: true, row: { line: 0, data, predictions: [], priority: 0 } };
}
