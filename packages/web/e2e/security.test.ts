import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { needsSharedData, signedInPage, useBrowserApp } from './setup.ts';
import { cloudPath, cloudProject, FRAMES, frameLoaded, frontCamera, SUSTECH } from './pointcloud-setup.ts';

// Items name their clouds by absolute path; the server serves files under these roots only.
process.env.CADRE_MEDIA_ROOTS = SUSTECH;

const env = useBrowserApp();

// Another site on the same host, another port: same site for the browser, so the session cookie
// (SameSite=Lax) rides along with its form posts; only the server's Origin check stops them.
let other: Server;
let otherBase: string;
const pages = new Map<string, string>();
before(async () => {
  other = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(pages.get(req.url ?? '') ?? ''));
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherBase = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => other.close(() => resolve())));

/** Collects what the content security policy blocked on a page. */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) seen.push(m.text()); });
  return seen;
}

test('a page on another port cannot import rows with a signed-in manager\'s cookie', async () => {
  const projectId = await env.h.project('Form target');
  const page = await signedInPage(env);
  // text/plain form encoding writes `name=value`: this name and value make one valid JSONL row.
  pages.set('/attack.html', `<form method="post" enctype="text/plain" action="${env.base}/api/projects/${projectId}/import?file=x.jsonl&format=jsonl">
    <input type="hidden" name='{"data":{"image":"/stolen.jpg"},"pad":"' value='"}'></form>
    <script>document.forms[0].submit()</script>`);
  const answer = page.waitForResponse((r) => r.url().includes('/import'));
  await page.goto(`${otherBase}/attack.html`);
  const res = await answer;
  assert.equal(res.status(), 403);
  assert.match(await res.text(), /cross-origin request refused/);
  const tasks = await env.h.deps.db.selectFrom('tasks').select('id').where('project_id', '=', projectId).execute();
  assert.equal(tasks.length, 0, 'nothing was imported');
  await page.close();
});

test('Cadre cannot be framed by another page (clickjacking)', async () => {
  const page = await env.browser.newPage();
  const refused = page.waitForEvent('console', { predicate: (m) => /frame-ancestors|X-Frame-Options/.test(m.text()) });
  pages.set('/frame.html', `<p>win a prize</p><iframe src="${env.base}/" width="800" height="600"></iframe>`);
  await page.goto(`${otherBase}/frame.html`);
  await refused;
  const framed = page.frames().find((f) => f !== page.mainFrame());
  assert.equal(await framed?.locator('#email').count(), 0, 'the sign-in form is not shown inside the frame');
  await page.close();
});

test('the web app and the API docs work under the content security policy', async () => {
  const page = await signedInPage(env);
  const violations = cspViolations(page);
  await env.h.project('Policy check');
  await page.reload();
  await page.locator('[data-testid=project-card]', { hasText: 'Policy check' }).waitFor();
  const docs = await page.goto(`${env.base}/api/docs/`);
  assert.match(docs!.headers()['content-security-policy'] ?? '', /frame-ancestors 'none'/);
  await page.locator('.opblock-summary-path', { hasText: '/api/auth/login' }).first().waitFor();
  assert.deepEqual(violations, []);
  await page.close();
});

test('the point-cloud workspace loads its clouds in its worker and its camera image under the policy', needsSharedData, async () => {
  const projectId = await cloudProject(env, 'Policy lidar', { frames: FRAMES.slice(0, 2).map(cloudPath), cameras: [frontCamera(FRAMES.slice(0, 2))] });
  const page = await signedInPage(env, { width: 1400, height: 900 });
  const violations = cspViolations(page);
  await page.goto(`${env.base}/projects/${projectId}/label`);
  await frameLoaded(page, 0);
  assert.deepEqual(violations, []);
  await page.close();
});
