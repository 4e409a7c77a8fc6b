import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage.ts';
import { chromiumLaunchOptions } from './support/chromium.ts';
import { NOT_MEASURED } from './support/rememberedBackend.ts';

// Chromium here offers no WebGPU adapter by default; with this flag it offers SwiftShader's, as a laptop without a
// usable GPU would, which the probe must recognise and skip.
const launchOptions = chromiumLaunchOptions();
test.use({ launchOptions: { ...launchOptions, args: [...(launchOptions.args ?? []), '--enable-unsafe-webgpu'] } });
// This spec is about the measurement: its page has never measured (see e2e/support/rememberedBackend.ts).
test.use({ storageState: NOT_MEASURED });

test('the backend is chosen by measurement, remembered on reload, and can be overridden', async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  const backend = page.getByLabel('Backend', { exact: true });
  const picker = page.getByLabel('Train on');
  await app.waitUntilReady();

  // No GPU here: WebGL is recognised as software rendering and not timed; wasm outruns the cpu backend.
  const speeds = page.getByLabel('Measured training speeds');
  await expect(speeds).toContainText(/WASM: [\d,]+ samples\/s/);
  await expect(speeds).toContainText(/CPU: [\d,]+ samples\/s/);
  await expect(speeds).toContainText(/WebGL: skipped: software renderer \(SwiftShader\)/);
  await expect(speeds).toContainText('WebGPU: skipped: software adapter (SwiftShader)');
  const speedOf = async (name: string) => {
    const match = new RegExp(`${name}: ([\\d,]+) samples/s`).exec((await speeds.textContent()) ?? '');
    return Number(match?.[1]?.replace(/,/g, ''));
  };
  expect(await speedOf('WASM')).toBeGreaterThan(5 * (await speedOf('CPU')));
  await expect(backend).toContainText('WASM');
  await expect(picker).toHaveValue('auto');
  await expect(picker.locator('option:checked')).toHaveText('Fastest measured (WASM)');
  // Which kernels train: ours, in the relaxed-SIMD build Chromium validates.
  await expect(page.getByLabel('Training engine')).toHaveText('our SIMD kernels (relaxed SIMD)');

  // Remembered: the next visit starts at once on the measured backend.
  await page.reload();
  await expect(backend).not.toContainText('Measuring');
  await app.waitUntilReady();
  await expect(backend).toContainText('WASM');
  await expect(speeds).toContainText('WASM');

  // Overridden: a fresh engine on the named backend, and the choice survives a reload.
  await picker.selectOption('webgl');
  await app.waitUntilReady();
  await expect(backend).toContainText('WebGL');
  await expect(backend).toContainText('SwiftShader');
  await expect(page.getByLabel('Training engine')).toHaveText('TensorFlow.js kernels');
  await page.reload();
  await app.waitUntilReady();
  await expect(backend).toContainText('WebGL');
  await expect(picker).toHaveValue('webgl');

  // Back to automatic: measured again.
  await picker.selectOption('auto');
  await app.waitUntilReady();
  await expect(backend).toContainText('WASM');
  await expect(speeds).toContainText(/WASM: [\d,]+ samples\/s/);
});
