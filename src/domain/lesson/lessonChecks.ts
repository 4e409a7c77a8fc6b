/** The checks of the lesson's steps: each reads the page's state and says what it shows now. */
import { CHAPTER5_LAYERS } from '../defaults.ts';
import type { LayerSpec } from '../modelSpec.ts';
import { BOOK_BASE_SUMMARY, BOOK_FULL_SUMMARY, sameSummary } from './bookSummaries.ts';
import { EXPERIMENT_MOVES, matchingPrefix, type LessonPageState, type StepCheck } from './lessonState.ts';
import { findComparedRuns, findConvnetRun } from './runComparison.ts';

export const BASE_LAYERS: readonly LayerSpec[] = CHAPTER5_LAYERS.slice(0, 5);

function describeLayer(layer: LayerSpec): string {
  switch (layer.type) {
    case 'Conv2D':
      return `Conv2D with ${layer.filters} filters, ${layer.kernelSize[0]}×${layer.kernelSize[1]}, ${layer.activation}`;
    case 'Dense':
      return `Dense with ${layer.units} units, ${layer.activation}`;
    case 'MaxPooling2D':
      return `MaxPooling2D ${layer.poolSize[0]}×${layer.poolSize[1]}`;
    default:
      return layer.type;
  }
}

/** Layer by layer against the target stack: how many are right, and what comes next or is wrong. */
function checkStack(state: LessonPageState, target: readonly LayerSpec[], book: string, bookName: string): StepCheck {
  const right = matchingPrefix(state.layers, target);
  if (right === target.length && state.layers.length === target.length) {
    return state.summary !== null && sameSummary(state.summary, book)
      ? { passed: true, message: `The summary equals the book’s ${bookName}, line for line.` }
      : { passed: false, message: `The layers are right but the summary differs from the book’s ${bookName}.` };
  }
  const progress = `${right} of ${target.length} layers right`;
  const expected = target[right];
  if (right < state.layers.length) {
    return { passed: false, message: expected ? `${progress}; layer ${right + 1} should be ${describeLayer(expected)}.` : `${progress}; layer ${right + 1} is one too many.` };
  }
  return { passed: false, message: expected ? `${progress}; next: ${describeLayer(expected)}.` : progress };
}

export function checkBase(state: LessonPageState): StepCheck {
  if (state.layers.length > BASE_LAYERS.length && matchingPrefix(state.layers, BASE_LAYERS) === BASE_LAYERS.length) {
    return { passed: false, message: 'The base is there with more layers after it: the book’s first summary is the base alone.' };
  }
  return checkStack(state, BASE_LAYERS, BOOK_BASE_SUMMARY, 'first summary (55,744 parameters)');
}

export function checkClassifier(state: LessonPageState): StepCheck {
  return checkStack(state, CHAPTER5_LAYERS, BOOK_FULL_SUMMARY, 'second summary (93,322 parameters)');
}

export function checkPadReading(state: LessonPageState): StepCheck {
  const reading = state.padReading;
  return reading
    ? { passed: true, message: `${reading.modelName} reads your drawing as ${reading.digit}.` }
    : { passed: false, message: 'The pad is empty: draw a digit on it.' };
}

const percent = (accuracy: number) => `${(accuracy * 100).toFixed(1)}%`;

export function checkConvnetTrained(state: LessonPageState): StepCheck {
  const run = findConvnetRun(state);
  return run?.testAccuracy != null
    ? { passed: true, message: `The convnet trained: ${percent(run.testAccuracy)} on ${run.testSize.toLocaleString('en-US')} test images.` }
    : { passed: false, message: 'No finished run of the chapter-5 convnet yet: press Train with its layers in the editor.' };
}

/** The newest dense run and a convnet run on the same data, and whether both are on the charts. */
export function checkComparison(state: LessonPageState): StepCheck {
  const { dense, convnet } = findComparedRuns(state);
  if (!dense?.testAccuracy) return { passed: false, message: 'No finished run of the dense network yet: load it and press Train.' };
  if (!convnet?.testAccuracy) {
    return { passed: false, message: `The dense network trained on ${dense.trainSize.toLocaleString('en-US')} images; train the convnet on the same number to compare.` };
  }
  const both = `Convnet ${percent(convnet.testAccuracy)}, dense network ${percent(dense.testAccuracy)} on the same ${dense.testSize.toLocaleString('en-US')} test images`;
  return convnet.overlaid && dense.overlaid
    ? { passed: true, message: `${both}; both on the charts.` }
    : { passed: false, message: `${both}. Overlay both on the charts from the Runs panel.` };
}

/** Both models scored on the moved test images: each one's accuracy as they are and shifted 2 and 4 px (right and down). */
export function checkExperiment(state: LessonPageState): StepCheck {
  const scores = state.experiment;
  if (!scores || scores.models.length < 2) return { passed: false, message: 'No measurements yet: run the experiment on both models.' };
  const at = (label: string) => EXPERIMENT_MOVES.findIndex((move) => move.label === label);
  const [two, four] = [at('shifted 2 px right and down'), at('shifted 4 px right and down')];
  const each = scores.models.map(({ name, accuracies: a }) => `${name}: ${percent(a[0] ?? NaN)} as they are, ${percent(a[two] ?? NaN)} shifted 2 px, ${percent(a[four] ?? NaN)} shifted 4 px`);
  return { passed: true, message: `On ${scores.count.toLocaleString('en-US')} test images — ${each.join('; ')}.` };
}

/** A change the lesson suggests is in the editor: a Dropout layer, or fewer filters than the book's. */
export function checkVariation(state: LessonPageState): StepCheck {
  if (state.datasetId && state.datasetId !== 'mnist') return { passed: true, message: 'The page trains on other data now: train the model and compare with its MNIST run.' };
  if (state.layers.some((layer) => layer.type === 'Dropout')) return { passed: true, message: 'The model has a Dropout layer now: train it and compare.' };
  const bookFilters = CHAPTER5_LAYERS.filter((l) => l.type === 'Conv2D').map((l) => (l.type === 'Conv2D' ? l.filters : 0));
  const filters = state.layers.filter((l) => l.type === 'Conv2D').map((l) => (l.type === 'Conv2D' ? l.filters : 0));
  if (filters.length > 0 && filters.length === bookFilters.length && filters.every((f, i) => f < (bookFilters[i] ?? 0))) {
    return { passed: true, message: `The convolutions have ${filters.join(', ')} filters now (the book: ${bookFilters.join(', ')}): train it and compare.` };
  }
  return { passed: false, message: 'The model and the data are the book’s: make one of the changes below.' };
}

/** The learner's digit on the pad, and a deeper convolution's feature maps for it on screen beside the first filters. */
export function checkHierarchy(state: LessonPageState): StepCheck {
  if (!state.padReading) return { passed: false, message: 'The pad is empty: draw a digit on it.' };
  return state.deeperMapsShown
    ? { passed: true, message: `The first layer’s filters are beside ${state.deeperMapsShown}’s feature maps for your ${state.padReading.digit}.` }
    : { passed: false, message: 'Choose a deeper layer to see its feature maps for your digit.' };
}
