import type { Page } from 'playwright-core';
import type { BrowserApp } from './setup.ts';

/** A new browser context signed in as anyone; waits for the projects list. */
export async function signInAs(env: BrowserApp, email: string, password: string): Promise<Page> {
  const page = await env.browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(env.base);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.locator('h1', { hasText: /Projects/ }).or(page.getByText('You are not in any project yet.')).waitFor();
  return page;
}
