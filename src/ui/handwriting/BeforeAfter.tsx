import { changedExamples, compareOnExamples, type Accuracy, type FineTuneComparison } from '../../domain/fineTune.ts';
import type { HandwritingExample } from '../../storage/examplesStore.ts';
import { DigitImage } from '../common/DigitImage.tsx';

const percent = (accuracy: number) => `${(accuracy * 100).toFixed(1)}%`;
const ofCount = ({ correct, count }: Accuracy) => `${correct} of ${count} (${percent(count > 0 ? correct / count : 0)})`;
/** Forgetting past this many points of MNIST test accuracy is called out. */
const FORGETTING_POINTS = 1;

function MnistChange({ comparison }: { readonly comparison: FineTuneComparison }) {
  const change = (comparison.test.accuracy - comparison.parentTest.accuracy) * 100;
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  return (
    <td data-points={change.toFixed(2)}>
      {sign}
      {Math.abs(change).toFixed(1)} points
    </td>
  );
}

/** The examples the two models read differently, each with both answers. */
function ChangedGallery({ comparison, examples }: { readonly comparison: FineTuneComparison; readonly examples: readonly HandwritingExample[] }) {
  const changed = changedExamples(comparison.examples);
  const byId = new Map(examples.map((example) => [example.id, example]));
  if (changed.length === 0) return <p className="note">Both models read every example the same way.</p>;
  return (
    <ul className="changed-gallery" aria-label="Examples read differently">
      {changed.map((example) => {
        const kept = byId.get(example.id);
        const verdict = example.after === example.label ? 'now right' : example.before === example.label ? 'now wrong' : 'still wrong';
        const text = `${example.label}: read ${example.before} before, ${example.after} after (${verdict}${example.heldOut ? ', held out' : ''})`;
        return (
          <li key={example.id} className={`changed changed-${verdict.replace(' ', '-')}`} aria-label={text}>
            {kept ? <DigitImage images={kept.pixels} index={0} size={48} label={`Your ${example.label}`} /> : <span className="removed">removed</span>}
            <span aria-hidden="true">
              {example.before} → <strong>{example.after}</strong>
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** The model before and after the fine-tune, side by side: your examples, MNIST's test images, and what changed. */
export function BeforeAfter({ comparison, examples }: { readonly comparison: FineTuneComparison | null; readonly examples: readonly HandwritingExample[] }) {
  if (!comparison) {
    return (
      <section className="before-after" aria-labelledby="before-after-heading">
        <h3 id="before-after-heading">Before → after</h3>
        <p className="note">After a fine-tune, its model and the one it started from are compared here: on your examples, on MNIST, and example by example.</p>
      </section>
    );
  }
  const mine = compareOnExamples(comparison.examples);
  const forgot = (comparison.parentTest.accuracy - comparison.test.accuracy) * 100 > FORGETTING_POINTS;
  return (
    <section className="before-after" aria-labelledby="before-after-heading">
      <h3 id="before-after-heading">Before → after</h3>
      <p>
        “{comparison.parentName}” → “{comparison.modelName}”
      </p>
      <table className="epochs before-after-table" aria-label="Before and after">
        <thead>
          <tr>
            <th scope="col">Accuracy on</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          <tr aria-label="Your examples">
            <th scope="row">{mine.heldOut ? 'Your held-out examples' : 'Your examples (all trained on)'}</th>
            <td>{ofCount(mine.before)}</td>
            <td>{ofCount(mine.after)}</td>
            <td>{mine.after.correct - mine.before.correct >= 0 ? '+' : '−'}{Math.abs(mine.after.correct - mine.before.correct)}</td>
          </tr>
          <tr aria-label="MNIST test images">
            <th scope="row">MNIST test images ({comparison.test.count.toLocaleString('en-US')})</th>
            <td>{percent(comparison.parentTest.accuracy)}</td>
            <td>{percent(comparison.test.accuracy)}</td>
            <MnistChange comparison={comparison} />
          </tr>
        </tbody>
      </table>
      <p className="hint">{comparison.split}</p>
      {forgot ? (
        <p className="warning">It forgot some MNIST (more than {FORGETTING_POINTS} point): mix in more MNIST per image of yours, or train fewer epochs.</p>
      ) : (
        <p className="note">MNIST within {FORGETTING_POINTS} point of before: it learned your style without forgetting MNIST.</p>
      )}
      <h4>Read differently now</h4>
      <ChangedGallery comparison={comparison} examples={examples} />
      <p className="hint">Draw again on the pad: both models answer the same drawing, side by side.</p>
    </section>
  );
}
