/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precacheManifest } from './scripts/precachePlugin.ts';

const ISOLATION_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

// Relative base: the built folder works from any sub-path of any static host.
export default defineConfig({
  base: './',
  plugins: [react(), precacheManifest('public')],
  worker: {
    format: 'es',
    // tfjs starts its threaded wasm from the factory's source text (Function.toString into a Blob); a minifier renames
    // what that text refers to, and every pthread then fails ("e is not defined").
    rolldownOptions: { output: { minify: false } },
  },
  // Cross-origin isolation: SharedArrayBuffer, so wasm threads. Static hosts get it from the service worker (sw.js).
  server: { headers: ISOLATION_HEADERS },
  preview: { headers: ISOLATION_HEADERS },
  build: { target: 'es2022', chunkSizeWarningLimit: 2500 },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
