import Fastify, { type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { mediaConfig, type MediaConfig } from '../media/index.ts';
import type { ServiceDeps } from '../services/index.ts';
import { installAuth } from './auth.ts';
import { installErrorHandler } from './error-handler.ts';
import { installInputCheck } from './input-check.ts';
import { installOriginCheck } from './origin-check.ts';
import { installSecurityHeaders } from './security-headers.ts';
import { installAudit } from './audit.ts';
import { DEFAULT_BODY_TIMEOUT_SECONDS, installBodyTimeout } from './body-timeout.ts';
import { installMetrics, type MetricsOptions } from './metrics.ts';
import { auditRoutes } from './routes/audit.routes.ts';
import { tasksViewRoutes } from './routes/tasks-view.routes.ts';
import { DEFAULT_LOGIN_LIMITS, type LoginLimits } from '../services/login-throttle.ts';
import { installWebApp } from './web.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { folderImportRoutes } from './routes/folder-import.routes.ts';
import { mediaRoutes } from './routes/media.routes.ts';
import { peopleRoutes } from './routes/people.routes.ts';
import { projectRoutes } from './routes/project.routes.ts';
import { systemRoutes } from './routes/system.routes.ts';
import { taskRoutes } from './routes/task.routes.ts';
import { transferRoutes } from './routes/transfer.routes.ts';
import { workflowRoutes } from './routes/workflow.routes.ts';
import { dashboardRoutes } from './routes/dashboard.routes.ts';
import { payRoutes } from './routes/pay.routes.ts';
import { modelReportRoutes } from './routes/model-report.routes.ts';
import { capabilityRoutes } from './routes/capability.routes.ts';
import { removalRoutes } from './routes/removal.routes.ts';
import { machineRoutes } from './routes/machine.routes.ts';
import { startMachineWorker } from '../services/workflow/machine-stage.ts';
import { alertRoutes } from './routes/alert.routes.ts';
import { startAlertWatch } from '../services/alerts/index.ts';

export interface AppOptions {
  logger?: boolean;
  /** Set behind HTTPS so the session cookie is never sent in the clear. */
  secureCookies?: boolean;
  /** The built web app to serve at `/` (packages/web/dist). */
  webRoot?: string;
  /** Where uploads go and which folders assets may be served from; by default from the environment. */
  media?: MediaConfig;
  /** Run the machine stage's worker in this process (default true; every process may, they share the work). */
  machineWorker?: boolean;
  /** Evaluate the projects' red lines in this process (default true; one process at a time evaluates a project). */
  alertWatch?: boolean;
  /** Failed sign-ins allowed per account and per address in a window (CADRE_LOGIN_*). */
  loginLimits?: LoginLimits;
  /** Origins besides the server's own that may send cookie-authenticated changes (CADRE_TRUSTED_ORIGINS). */
  trustedOrigins?: string[];
  /** Where the JSON log lines go (default stderr): server errors always, every request with `logger`. */
  logStream?: NodeJS.WritableStream;
  /** Each stretch of this many seconds in which the server waits for a request body must bring 16 KiB of it, else 408 (CADRE_BODY_TIMEOUT_SECONDS, default 30). */
  bodyTimeoutSeconds?: number;
  /** Who may scrape `GET /metrics` besides loopback callers (CADRE_METRICS_TOKEN), and how long its database figures are cached. */
  metrics?: MetricsOptions;
}

const registered = new WeakMap<object, { method: string; url: string; hidden: boolean }[]>();
/** Every route the app registered (HEAD left out), so a test can hold them against the contract. */
export const registeredRoutes = (app: FastifyInstance) => registered.get(app) ?? [];

export async function buildApp(deps: ServiceDeps, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // Server errors are logged even with request logging off: the level only decides about the rest.
    logger: { level: options.logger ? 'info' : 'error', stream: options.logStream ?? process.stderr },
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const list: { method: string; url: string; hidden: boolean }[] = [];
  registered.set(app, list);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') list.push({ method, url: r.url, hidden: Boolean((r.schema as { hide?: boolean } | undefined)?.hide) });
  });
  app.addHook('onRequest', async (request, reply) => { reply.header('x-request-id', request.id); });
  await installSecurityHeaders(app, options.secureCookies ?? false);
  await app.register(cookie);
  installErrorHandler(app);
  installMetrics(app, deps, options.metrics);
  installOriginCheck(app, options.trustedOrigins ?? []);
  installAuth(app, deps);
  installAudit(app, deps);
  installInputCheck(app);
  installBodyTimeout(app, options.bodyTimeoutSeconds ?? DEFAULT_BODY_TIMEOUT_SECONDS);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Cadre API', version: '0.1.0', description: 'Data-labeling production: projects, tasks, annotations. Errors are `{"error": {"code", "message", "details"}}`.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'cadre_session' }, token: { type: 'http', scheme: 'bearer' } } },
      security: [{ session: [] }, { token: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  await app.register(systemRoutes(deps));
  await app.register(authRoutes(deps, options.secureCookies ?? false, options.loginLimits ?? DEFAULT_LOGIN_LIMITS));
  await app.register(peopleRoutes(deps));
  await app.register(projectRoutes(deps));
  await app.register(taskRoutes(deps));
  await app.register(transferRoutes(deps, options.media ?? mediaConfig()));
  await app.register(mediaRoutes(deps, options.media ?? mediaConfig()));
  await app.register(folderImportRoutes(deps, options.media ?? mediaConfig()));
  await app.register(workflowRoutes(deps));
  await app.register(dashboardRoutes(deps));
  await app.register(payRoutes(deps));
  await app.register(modelReportRoutes(deps));
  await app.register(capabilityRoutes(deps));
  await app.register(removalRoutes(deps));
  await app.register(machineRoutes(deps));
  await app.register(auditRoutes(deps));
  await app.register(alertRoutes(deps));
  await app.register(tasksViewRoutes(deps));
  await installWebApp(app, options.webRoot);
  if (options.machineWorker ?? true) {
    const stop = startMachineWorker(deps, { media: options.media ?? mediaConfig() });
    app.addHook('onClose', async () => stop());
  }
  if (options.alertWatch ?? true) {
    const stop = startAlertWatch(deps);
    app.addHook('onClose', async () => stop());
  }
  return app;
}
