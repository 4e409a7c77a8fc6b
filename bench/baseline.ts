/**
 * The app as another commit built it, served beside this build so one bench run measures both, interleaved
 * (BENCH_BASELINE=<commit>, e.g. the commit before a change): that commit's files from `git archive` in a temporary
 * folder, with this checkout's node_modules and MNIST files, its own kernels built if it has them, then `vite build`
 * into dist/baseline/, which the bench's server serves at /baseline/.
 */
import { execFileSync, execSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Baseline = { readonly ok: true; readonly commit: string; readonly path: string } | { readonly ok: false; readonly message: string };

const root = join(import.meta.dirname, '..');

export function buildBaseline(commitish: string): Baseline {
  const folder = mkdtempSync(join(tmpdir(), 'bench-baseline-'));
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', commitish], { cwd: root, encoding: 'utf8' }).trim();
    execSync(`git archive ${commit} | tar -x -C '${folder}'`, { cwd: root });
    symlinkSync(join(root, 'node_modules'), join(folder, 'node_modules'));
    cpSync(join(root, 'public/mnist'), join(folder, 'public/mnist'), { recursive: true });
    const run = (args: string[]) => execFileSync('npx', args, { cwd: folder, stdio: ['ignore', 'ignore', 'inherit'] });
    if (existsSync(join(folder, 'scripts/buildKernels.ts'))) run(['tsx', 'scripts/buildKernels.ts']);
    run(['vite', 'build', '--outDir', join(root, 'dist/baseline'), '--emptyOutDir']);
    return { ok: true, commit, path: 'baseline/' };
  } catch (error) {
    return { ok: false, message: `baseline ${commitish} not built: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
