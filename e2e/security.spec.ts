import { readFile } from 'node:fs/promises';
import { expect, test, type Download, type Page } from '@playwright/test';
import { DrawPadPanel } from './pages/DrawPadPanel.ts';
import { PlaygroundPage } from './pages/PlaygroundPage.ts';

/**
 * The built site under its Content-Security-Policy: `vite preview` sends it as a header (to the page and the
 * training worker) and the page carries it in a <meta> tag. A refused resource would show as a violation event on the
 * page, or as a worker that cannot start its backend.
 */
async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { cspViolations: seen });
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

async function trainTiny(app: PlaygroundPage): Promise<void> {
  await app.setSettings({ 'Training images': 64, 'Batch size': 32, Epochs: 1, 'Test images': 50 });
  await app.trainButton.click();
  await expect(app.status).toHaveText('Finished', { timeout: 180_000 });
}

test('under its Content-Security-Policy the app trains on every backend, reads a drawn digit, takes an uploaded model and works offline, with nothing refused', async ({ page, context }) => {
  await recordViolations(page);
  // Nothing leaves the browser: every request the page, its workers and its service worker make, over the whole visit.
  const requested = new Set<string>();
  context.on('request', (request) => requested.add(new URL(request.url()).origin));
  const app = new PlaygroundPage(page);
  const reader = new DrawPadPanel(page);
  const backend = page.getByLabel('Backend', { exact: true });

  for (const [name, label] of [['webgl', 'WebGL'], ['cpu', 'CPU'], ['wasm', 'WASM']] as const) {
    const response = await page.goto(`./?backend=${name}`);
    expect(response?.headers()['content-security-policy']).toContain("object-src 'none'");
    await app.waitUntilReady();
    await expect(backend).toContainText(label);
    await trainTiny(app);
  }
  // wasm on threads: tfjs started its pthread workers from blob: URLs, which the worker's policy allows and no more.
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expect(backend).toContainText(`${cores} threads`);
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toContain("script-src 'self';");

  await reader.drawDigit(7, { size: 0.7, left: 0.15, top: 0.15 });
  await expect(reader.predictedDigit).toHaveAttribute('data-digit', /\d/);

  const shelf = page.getByRole('table', { name: 'Saved models' });
  const downloads: Promise<Download>[] = [page.waitForEvent('download'), page.waitForEvent('download', (d) => d.suggestedFilename().endsWith('.bin'))];
  await shelf.getByRole('button', { name: /^Download Run 3/ }).click();
  const files = await Promise.all(downloads.map(async (download) => ({ name: (await download).suggestedFilename(), buffer: await readFile(((await (await download).path()) as string)) })));
  await page.getByLabel('Upload a model (model.json and its weights file)').setInputFiles(files.map(({ name, buffer }) => ({ name, mimeType: 'application/octet-stream', buffer })));
  await expect(page.getByRole('region', { name: 'Saved models' }).getByRole('status')).toContainText('Loaded “Run 3 ·');

  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 60_000 }).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await app.waitUntilReady();
  await reader.drawDigit(1, { size: 0.7, left: 0.15, top: 0.15 });
  await expect(reader.predictedDigit).toHaveAttribute('data-digit', /\d/);
  await context.setOffline(false);
  expect(await violations(page)).toEqual([]);
  // blob: and data: URLs are made in the page (tfjs' wasm threads, downloads); 'null' is their origin.
  expect([...requested].filter((origin) => origin !== 'null')).toEqual([new URL(page.url()).origin]);
});

test('an injected inline script is refused, and the refusal is reported', async ({ page }) => {
  await recordViolations(page);
  const app = new PlaygroundPage(page);
  await app.open();
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.injectedScriptRan = true';
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return (window as unknown as { injectedScriptRan?: boolean }).injectedScriptRan ?? false;
  });
  expect(ran).toBe(false);
  // Reported once by each policy that refuses it: the header's and the <meta> tag's.
  const reported = await violations(page);
  expect(reported.length).toBeGreaterThan(0);
  expect(new Set(reported)).toEqual(new Set(['script-src-elem inline']));
});
