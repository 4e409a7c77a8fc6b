/** The TensorFlow.js backends the playground can train on, and what the page calls them. */

export const BACKEND_NAMES = ['webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
/** 'auto': measure them and take the fastest. */
export const BACKEND_PREFERENCES = ['auto', 'wasm', 'webgl', 'cpu'] as const satisfies readonly ('auto' | BackendName)[];
export type BackendPreference = (typeof BACKEND_PREFERENCES)[number];

export const BACKEND_LABELS: Readonly<Record<BackendName, string>> = { wasm: 'WASM', webgl: 'WebGL', cpu: 'CPU' };
