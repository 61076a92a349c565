import { randomBytes } from 'node:crypto';
import { system, users } from '@cadre/db';
import { auth, type ServiceDeps } from './services/index.ts';
import { createDemoProjects } from './demo/index.ts';
import { mediaConfig, type MediaConfig } from './media/index.ts';

export interface FirstAdmin { email: string; password: string; generated: boolean }

/**
 * On the first start of an empty database: the first admin (credentials returned so the caller
 * prints them once) and the demo projects. Several processes may start together, so a lock decides.
 */
export async function bootstrap(deps: ServiceDeps, o: { adminEmail: string; adminPassword: string | null; demo: boolean; media?: MediaConfig }): Promise<FirstAdmin | null> {
  return system.withAdvisoryLock(deps.db, 424242, async (conn) => {
    if ((await users.countUsers(conn)) > 0) return null;
    const password = o.adminPassword ?? randomBytes(12).toString('base64url');
    const admin = await auth.createUser({ ...deps, db: conn }, { email: o.adminEmail, name: 'Administrator', password, isAdmin: true });
    if (o.demo) await createDemoProjects({ ...deps, db: conn }, { userId: admin.id, isAdmin: true }, o.media ?? mediaConfig());
    return { email: admin.email, password, generated: o.adminPassword === null };
  });
}
