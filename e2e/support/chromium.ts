import { existsSync } from 'node:fs';
import { chromium, type LaunchOptions } from '@playwright/test';
import { planChromium } from './findChromium.ts';

/** The Chromium to launch: $CHROMIUM_PATH, else Debian's, else Playwright's own (see findChromium.ts). */
export function chromiumExecutable(): string | undefined {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const plan = planChromium({ envPath: process.env.CHROMIUM_PATH, playwrightPath: () => chromium.executablePath(), exists: existsSync, isRoot, hasApt: false });
  return plan.kind === 'found' ? plan.path : undefined;
}

/**
 * Debian's Chromium when present (CI and the dev machine), else Playwright's own browser.
 * SwiftShader gives WebGL2 without a GPU, in workers too; as root Chromium needs --no-sandbox.
 */
export function chromiumLaunchOptions(): LaunchOptions {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return {
    executablePath: chromiumExecutable(),
    args: [
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
      ...(isRoot ? ['--no-sandbox'] : []),
    ],
  };
}
