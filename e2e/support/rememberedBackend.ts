import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.ts';

/**
 * A storage state in which this browser has already measured its backends and chosen WASM, as
 * e2e/backend.spec.ts shows it does here (no GPU: WebGL is SwiftShader, and WASM outruns the cpu backend). A fresh
 * page otherwise spends seconds measuring before it is ready, in every test; tests that are about the measurement
 * opt out with NOT_MEASURED.
 */
export const REMEMBERED_BACKEND_STATE = join(tmpdir(), 'convnet-playground-e2e', 'remembered-backend.json');

/** The storage state of a browser that has never measured: for the tests about choosing the backend. */
export const NOT_MEASURED = { cookies: [], origins: [] };

/** The app's record (src/engine/backendChoice.ts): the device key must be the page's own for it to be used. */
function backendRecord(userAgent: string, cores: number): string {
  return JSON.stringify({
    deviceKey: `${userAgent} | ${cores} cores`,
    preference: 'auto',
    measured: {
      backend: 'wasm',
      measurements: [{ backend: 'wasm', samplesPerSecond: null, note: 'remembered for the e2e tests, not measured' }],
      at: Date.now(),
    },
    recordVersion: 1,
  });
}

/** Asks the Chromium the tests launch for its user agent and core count, and writes the state for the app's origin. */
export async function writeRememberedBackendState(origin: string): Promise<void> {
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage();
    const { userAgent, cores } = await page.evaluate(() => ({ userAgent: navigator.userAgent, cores: navigator.hardwareConcurrency }));
    const state = { cookies: [], origins: [{ origin, localStorage: [{ name: 'convnet-playground:backend', value: backendRecord(userAgent, cores) }] }] };
    mkdirSync(join(REMEMBERED_BACKEND_STATE, '..'), { recursive: true });
    writeFileSync(REMEMBERED_BACKEND_STATE, JSON.stringify(state));
  } finally {
    await browser.close();
  }
}
