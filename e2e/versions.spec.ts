import { expect, test, type Page } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage.ts';

/** Reads (or, with `change`, rewrites) one record in the page's IndexedDB, behind the app's back, as another version of the page would. */
async function rawRecord(page: Page, where: { db: string; store: string; key?: string }, change?: Record<string, unknown>): Promise<unknown> {
  return page.evaluate(
    ({ db, store, key, change }) =>
      new Promise((resolve, reject) => {
        const opening = indexedDB.open(db);
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const tx = opening.result.transaction(store, 'readwrite');
          const objects = tx.objectStore(store);
          const getting = key === undefined ? objects.getAll() : objects.get(key);
          getting.onsuccess = () => {
            const found: unknown = key === undefined ? (getting.result as unknown[])[0] : getting.result;
            const written = change ? { ...(found as object), ...change } : found;
            if (change) {
              if (key === undefined) objects.put(written);
              else objects.put(written, key);
            }
            // ArrayBuffers do not survive JSON: compare them by their length.
            tx.oncomplete = () => resolve(JSON.parse(JSON.stringify(written, (_k, v: unknown) => (v instanceof ArrayBuffer ? `${v.byteLength} bytes` : v))));
          };
        };
      }),
    { ...where, change },
  );
}

/** A share-link fragment of a format after this page's (base64url JSON, as the codec writes it). */
const NEWER_MODEL = `model=${Buffer.from(JSON.stringify({ v: 2, graph: { nodes: ['conv', 'dense'] } })).toString('base64url')}`;
const MODEL_KEY = 'convnet-playground.model.v1';

test('records of a newer version are listed as left alone, never shown, changed or deleted, and the page keeps working', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await app.waitUntilReady();
  await app.setSettings({ 'Training images': 128, 'Batch size': 32, Epochs: 1, 'Test images': 50 });
  await app.trainButton.click();
  await expect(app.status).toHaveText('Finished', { timeout: 180_000 });
  const savedRuns = page.getByRole('table', { name: 'Saved runs' }).locator('tbody tr');
  await expect(savedRuns).toHaveCount(1);

  // The current code wrote the run and the model, stamped with version 2 (the one that added their dataset); a newer
  // version rewrites them as version 3.
  const runs = { db: 'convnet-playground-runs', store: 'runs' };
  const summaries = { db: 'convnet-playground-models', store: 'summaries' };
  expect(await rawRecord(page, runs)).toMatchObject({ recordVersion: 2, name: expect.stringMatching(/^Run 1/), dataset: { id: 'mnist' } });
  expect(await rawRecord(page, summaries)).toMatchObject({ recordVersion: 2, dataset: { id: 'mnist' } });
  const newerRun = await rawRecord(page, runs, { recordVersion: 3, tags: ['from v3'] });
  const newerModel = await rawRecord(page, summaries, { recordVersion: 3, folder: 'mine' });
  const checkpoint = { db: 'convnet-playground-checkpoint', store: 'checkpoint', key: 'current' };
  const newerCheckpoint = await page.evaluate(() => ({ recordVersion: 3, steps: [1, 2, 3] }));
  await page.evaluate(
    ({ key, fragment, record }) => {
      localStorage.setItem(key, fragment);
      const opening = indexedDB.open('convnet-playground-checkpoint');
      return new Promise<void>((resolve) => {
        opening.onsuccess = () => {
          const tx = opening.result.transaction('checkpoint', 'readwrite');
          tx.objectStore('checkpoint').put(record, 'current');
          tx.oncomplete = () => resolve();
        };
      });
    },
    { key: MODEL_KEY, fragment: NEWER_MODEL, record: newerCheckpoint },
  );

  await page.goto('./');
  await expect(page.getByText('1 saved run was saved by a newer version of the playground (reload to get it): not shown, and kept in this browser as it is.')).toBeVisible();
  await expect(page.getByText('1 saved model was saved by a newer version of the playground (reload to get it): not shown, and kept in this browser as it is.')).toBeVisible();
  await expect(page.getByText(/^A newer version of the playground keeps an interrupted run in this browser/)).toBeVisible();
  const keptModelNotice = page.getByRole('status').filter({ hasText: 'The model kept in this browser was saved by a newer version of the playground' });
  await expect(keptModelNotice).toBeVisible();
  await expect(savedRuns).toHaveCount(0);
  // The book's model is shown and edited; the newer version's model stays in storage until the person saves over it.
  await expect(page.getByLabel('Total parameters')).toHaveText('93,322');
  await page.getByLabel('Units of layer 7', { exact: true }).fill('32');
  await expect(page.getByLabel('Total parameters')).toHaveText('74,538');
  expect(await page.evaluate((key) => localStorage.getItem(key), MODEL_KEY)).toBe(NEWER_MODEL);

  // A run trains, without checkpoints (it says so while it goes), and is saved beside the newer version's records.
  await app.waitUntilReady();
  await app.setSettings({ 'Training images': 640, Epochs: 3 });
  await app.trainButton.click();
  await expect(page.getByText(/^Checkpoints of this run are not kept: A newer version of the playground keeps an interrupted run/)).toBeVisible({ timeout: 120_000 });
  await app.stopButton.click();
  await expect(app.status).toHaveText('Stopped');
  await expect(savedRuns).toHaveCount(1);
  expect(await rawRecord(page, runs)).toEqual(newerRun);
  expect(await rawRecord(page, summaries)).toEqual(newerModel);
  expect(await rawRecord(page, checkpoint)).toEqual(newerCheckpoint);

  await keptModelNotice.getByRole('button', { name: 'Save this tab’s model over it' }).click();
  await expect(keptModelNotice).toHaveCount(0);
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), MODEL_KEY)).not.toBe(NEWER_MODEL);
  await page.goto('./');
  await expect(page.getByLabel('Total parameters')).toHaveText('74,538');
});
