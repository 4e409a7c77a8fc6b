/**
 * What one draw-pad reading costs in the worker, in Node on tfjs-wasm as the worker runs it (our kernels registered):
 * the shipped chapter-5 model reads the first MNIST test digit, the answer alone and with every layer's feature maps,
 * median ms per call over ROUNDS calls after a warm-up, in wall and in the process's CPU time (which other jobs on a shared
 * machine slow less), and the tensors left after all calls (none should be). Given another checkout's inference.ts
 * (e.g. `git archive` of the commit before a change, node_modules linked), it measures that one too, call by call in
 * turn with this one, so load hits both alike. Run alone: npx tsx bench/featureMapsCost.ts [other/src/training/inference.ts]
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { predictDigit } from '../src/training/inference.ts';
import { readPackageMnist } from '../src/training/trainingFixtures.fixture.ts';
import { registerWasmTrainingKernels } from '../src/training/wasmKernels.ts';
import { median } from './trainingRuns.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 200);
const WARM_UP = 20;

async function loadShippedModel(): Promise<tf.LayersModel> {
  const folder = new URL('../public/pretrained/', import.meta.url);
  const { modelTopology, weightsManifest } = JSON.parse(readFileSync(new URL('model.json', folder), 'utf8')) as {
    modelTopology: object;
    weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[];
  };
  const bytes = readFileSync(new URL('model.weights.bin', folder));
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology, weightSpecs: weightsManifest.flatMap((m) => m.weights), weightData }));
}

type Predict = typeof predictDigit;
type Timings = Record<'answer' | 'withMaps', { wall: number[]; cpu: number[] }>;

async function timeCall(into: { wall: number[]; cpu: number[] }, call: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  await call();
  const used = process.cpuUsage(cpu);
  into.wall.push(performance.now() - started);
  into.cpu.push((used.user + used.system) / 1000);
}

registerWasmTrainingKernels();
await tf.setBackend('wasm');
const model = await loadShippedModel();
const digit = Float32Array.from(readPackageMnist().testImages.subarray(0, 784), (v) => v / 255);
const other = process.argv[2];
const builds: { name: string; predict: Predict; timings: Timings }[] = [{ name: 'this checkout', predict: predictDigit, timings: emptyTimings() }];
if (other) builds.push({ name: other, predict: ((await import(other)) as { predictDigit: Predict }).predictDigit, timings: emptyTimings() });
const before = tf.memory().numTensors;
for (let i = 0; i < WARM_UP + ROUNDS; i++) {
  // Each build goes first every other round, so neither always runs on the other's warm caches.
  for (const { predict, timings } of i % 2 === 0 ? builds : [...builds].reverse()) {
    const answer = { wall: [], cpu: [] };
    const withMaps = { wall: [], cpu: [] };
    await timeCall(i < WARM_UP ? answer : timings.answer, () => predict(model, digit, false));
    await timeCall(i < WARM_UP ? withMaps : timings.withMaps, () => predict(model, digit, true));
  }
}
console.log(`tfjs-wasm, shipped chapter-5 model, median ms of ${ROUNDS} calls (wall / CPU); tensors left: ${tf.memory().numTensors - before}`);
for (const { name, timings } of builds) {
  const [answerWall, answerCpu, mapsWall, mapsCpu] = [timings.answer.wall, timings.answer.cpu, timings.withMaps.wall, timings.withMaps.cpu].map(median);
  console.log(
    `${name}: answer alone ${answerWall!.toFixed(3)} / ${answerCpu!.toFixed(3)}, with feature maps ${mapsWall!.toFixed(3)} / ${mapsCpu!.toFixed(3)} ` +
      `(the maps: ${(mapsWall! - answerWall!).toFixed(3)} / ${(mapsCpu! - answerCpu!).toFixed(3)})`,
  );
}

function emptyTimings(): Timings {
  return { answer: { wall: [], cpu: [] }, withMaps: { wall: [], cpu: [] } };
}
