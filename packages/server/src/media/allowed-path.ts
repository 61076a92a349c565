import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, resolve, sep } from 'node:path';
import { AppError, forbidden } from '../errors.ts';

const within = (path: string, root: string) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

/**
 * The real path of `path` when it lies in one of `roots`, after following every symlink: a link
 * that points out of its root is refused like a path outside. A path outside every root is refused
 * before the file system is asked, so nobody learns which files exist elsewhere.
 */
export async function allowedFile(path: string, roots: readonly string[]): Promise<{ path: string; size: number; mtimeMs: number }> {
  if (path.split(/[\\/]/).includes('..')) throw forbidden('asset paths may not contain ".."');
  const real = (await Promise.all(roots.map((r) => realpath(r).catch(() => null)))).filter((r): r is string => r !== null);
  const wanted = resolve(path);
  if (![...roots, ...real].some((r) => within(wanted, r))) throw outside(path);
  const found = await realpath(wanted).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') throw new AppError('not_found', `the asset file ${path} does not exist (moved or deleted since the import?)`);
    throw e;
  });
  if (!real.some((r) => within(found, r))) throw outside(path);
  const info = await stat(found);
  if (!info.isFile()) throw new AppError('not_found', `the asset ${path} is not a file`);
  return { path: found, size: info.size, mtimeMs: info.mtimeMs };
}

const outside = (path: string) => forbidden(`${path} is outside the folders Cadre serves files from (the folder it was imported from, uploads, or CADRE_MEDIA_ROOTS)`);

/**
 * The real path of a folder that lies in one of `roots` (CADRE_MEDIA_ROOTS), for imports of a
 * folder on the server: anything else is refused before its existence is told.
 */
export async function allowedFolder(path: string, roots: readonly string[]): Promise<string> {
  const refuse = () => forbidden(`${path} is not inside the folders this server may import from (CADRE_MEDIA_ROOTS${roots.length === 0 ? ', which is not set' : `: ${roots.join(', ')}`})`);
  if (path.split(/[\\/]/).includes('..') || !isAbsolute(path)) throw forbidden('the folder must be an absolute path without ".."');
  const real = (await Promise.all(roots.map((r) => realpath(r).catch(() => null)))).filter((r): r is string => r !== null);
  if (!real.some((r) => within(resolve(path), r)) && !roots.some((r) => within(resolve(path), r))) throw refuse();
  const found = await realpath(path).catch(() => {
    throw new AppError('not_found', `no folder ${path} on the server`);
  });
  if (!real.some((r) => within(found, r))) throw refuse();
  if (!(await stat(found)).isDirectory()) throw new AppError('not_found', `${path} is not a folder`);
  return found;
}
