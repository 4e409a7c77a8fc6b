/**
 * The house's import and size rules (eslint.config.js) hold: each room is linted with imports it may and may not
 * make, so a rule that stops matching — a renamed folder, a regex that no longer fits — fails here, not silently.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

const importing = (specifier: string) => `import * as imported from '${specifier}';\nexport const used = imported;\n`;
const refused = async (file: string, specifier: string) => (await ruleIdsFor(file, importing(specifier))).includes('no-restricted-imports');

const RULES: readonly [file: string, specifier: string, allowed: boolean][] = [
  ['src/domain/a.ts', './modelSpec.ts', true],
  ['src/domain/a.ts', 'zod', true],
  ['src/domain/a.ts', '@tensorflow/tfjs', false],
  ['src/domain/a.ts', 'react', false],
  ['src/domain/a.ts', 'idb', false],
  ['src/domain/a.ts', '../data/idx.ts', false],
  ['src/domain/a.ts', '../engine/engineState.ts', false],
  ['src/domain/keras/a.ts', '../../training/protocol.ts', false],
  ['src/data/a.ts', '../domain/modelSpec.ts', false],
  ['src/training/a.ts', '@tensorflow/tfjs', true],
  ['src/training/a.ts', '../domain/modelSpec.ts', true],
  ['src/training/a.ts', 'react', false],
  ['src/training/a.ts', '../storage/runStore.ts', false],
  ['src/training/a.ts', '../engine/trainingEngine.ts', false],
  ['src/training/a.ts', '../ui/app/App.tsx', false],
  ['src/storage/a.ts', 'idb', true],
  ['src/storage/a.ts', '../training/protocol.ts', true],
  ['src/storage/a.ts', '../training/trainingRun.ts', false],
  ['src/storage/a.ts', '../engine/trainingEngine.ts', false],
  ['src/storage/a.ts', 'react', false],
  ['src/engine/a.ts', '../storage/runStore.ts', true],
  ['src/engine/a.ts', '../training/protocol.ts', true],
  ['src/engine/a.ts', '../training/trainingRun.ts', false],
  ['src/engine/a.ts', '@tensorflow/tfjs', false],
  ['src/engine/a.ts', 'react', false],
  ['src/engine/a.ts', 'idb', false],
  ['src/engine/a.ts', '../ui/app/App.tsx', false],
  ['src/ui/app/a.tsx', '../pad/DigitReader.tsx', true],
  ['src/ui/app/a.tsx', '../training/TrainingPanel.tsx', true],
  ['src/ui/app/a.tsx', '../../training/workerSession.ts', false],
  ['src/ui/pad/a.tsx', '../common/Icon.tsx', true],
  ['src/ui/pad/a.tsx', '../../engine/trainingEngine.ts', true],
  ['src/ui/pad/a.tsx', '../../training/protocol.ts', true],
  ['src/ui/pad/a.tsx', '../../training/trainingRun.ts', false],
  ['src/ui/pad/a.tsx', '../editor/LayerEditor.tsx', false],
  ['src/ui/pad/a.tsx', '../app/App.tsx', false],
  ['src/ui/pad/a.tsx', '@tensorflow/tfjs', false],
  ['src/ui/pad/a.tsx', 'idb', false],
  ['src/ui/saved-models/a.tsx', '../runs/RunsPanel.tsx', false],
  ['src/ui/common/a.tsx', '../pad/DrawPad.tsx', false],
  ['src/ui/common/a.tsx', '../../domain/format.ts', true],
];

describe('import rules between rooms', () => {
  it.each(RULES)('%s importing %s: allowed %s', async (file, specifier, allowed) => {
    expect(await refused(file, specifier)).toBe(!allowed);
  });
});

describe('size rules', () => {
  const lines = (count: number) => Array.from({ length: count }, (_, i) => `export const value${i} = ${i};`).join('\n');
  const longFunction = (count: number) => `export function long() {\n${Array.from({ length: count }, (_, i) => `  console.log(${i});`).join('\n')}\n}\n`;

  it('refuses a source file past 250 lines, but not a test', async () => {
    expect(await ruleIdsFor('src/engine/a.ts', lines(251))).toContain('max-lines');
    expect(await ruleIdsFor('src/engine/a.ts', lines(250))).not.toContain('max-lines');
    expect(await ruleIdsFor('src/engine/a.test.ts', lines(400))).not.toContain('max-lines');
  });

  it('refuses a function past 80 lines', async () => {
    expect(await ruleIdsFor('src/ui/pad/a.ts', longFunction(79))).toContain('max-lines-per-function');
    expect(await ruleIdsFor('src/ui/pad/a.ts', longFunction(78))).not.toContain('max-lines-per-function');
  });
});
