/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy, SERVER_POLICY } from './scripts/contentSecurityPolicy.ts';
import { precacheManifest } from './scripts/precachePlugin.ts';

const ISOLATION_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

// Relative base: the built folder works from any sub-path of any static host.
export default defineConfig({
  base: './',
  plugins: [react(), precacheManifest('public'), contentSecurityPolicy()],
  worker: {
    format: 'es',
    // tfjs starts its threaded wasm from the factory's source text (Function.toString into a Blob); a minifier renames
    // what that text refers to, and every pthread then fails ("e is not defined").
    rolldownOptions: { output: { minify: false } },
  },
  // Cross-origin isolation: SharedArrayBuffer, so wasm threads. Static hosts get it from the service worker (sw.js).
  server: { headers: ISOLATION_HEADERS },
  // The built site as a host that can send headers serves it: the policy reaches the worker too (scripts/contentSecurityPolicy.ts).
  preview: { headers: { ...ISOLATION_HEADERS, 'Content-Security-Policy': SERVER_POLICY } },
  build: { target: 'es2022', chunkSizeWarningLimit: 2500 },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
