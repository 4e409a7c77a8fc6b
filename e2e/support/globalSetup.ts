import type { FullConfig } from '@playwright/test';
import { writeRememberedBackendState } from './rememberedBackend.ts';

/** Before any test: the storage state the tests start from (see rememberedBackend.ts). */
export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0]?.use.baseURL;
  if (!baseURL) throw new Error('playwright.config.ts names no baseURL');
  await writeRememberedBackendState(new URL(baseURL).origin);
}
