/**
 * npm run fuzz: the *.fuzz.test.ts properties with far more cases than npm test gives them, then the cases run per
 * boundary. Each property runs --runs cases (20,000) or stops after --seconds (30), whichever comes first; one test
 * worker at a time (--workers), so it leaves the machine's other cores alone. A failure prints its seed and path.
 *   npm run fuzz -- --runs 20000 --seconds 30 --seed 19 --workers 1
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { formatTally, tallyCases } from './fuzzTally.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20000' },
    seconds: { type: 'string', default: '30' },
    seed: { type: 'string', default: '19' },
    workers: { type: 'string', default: '1' },
  },
});
const { runs, seconds, seed, workers } = values;
const vitest = new URL('../node_modules/vitest/vitest.mjs', import.meta.url).pathname;
// A property may run its last case past --seconds: two minutes more before vitest calls it hung.
const testTimeout = String((Number(seconds) + 120) * 1000);

console.log(`npm run fuzz: up to ${runs} cases per property, each stopped after ${seconds} s, seed ${seed}, ${workers} worker(s)`);
const child = spawn(process.execPath, [vitest, 'run', '--maxWorkers', workers, '--testTimeout', testTimeout, 'fuzz.test'], {
  env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SECONDS: seconds, FUZZ_SEED: seed, FUZZ_REPORT: '1' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
child.stdout.on('data', (chunk: Buffer) => {
  output += chunk.toString();
  process.stdout.write(chunk);
});
child.on('close', (code) => {
  console.log(`\n${formatTally(tallyCases(output))}`);
  process.exit(code ?? 1);
});
