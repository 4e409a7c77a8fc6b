const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

interface ProbabilityBarsProps {
  /** One probability per class (per digit, 0 to 9, unless told otherwise). */
  readonly probabilities: Float32Array;
  /** The class the model reads, whose bar stands out. */
  readonly best: number;
  /** The classes' names by label: MNIST's digits unless told. */
  readonly classNames?: readonly string[];
}

/** One bar per class, as long as the model's probability for it. */
export function ProbabilityBars({ probabilities, best, classNames = DIGITS }: ProbabilityBarsProps) {
  const digits = classNames.length === DIGITS.length && classNames.every((name, i) => name === DIGITS[i]);
  return (
    <ol className={digits ? 'probability-bars' : 'probability-bars named'} aria-label={digits ? 'Probability of each digit' : 'Probability of each class'}>
      {classNames.map((name, d) => {
        const p = probabilities[d] ?? 0;
        return (
          <li key={d} aria-label={`${name}: ${(p * 100).toFixed(1)}%`} className={d === best ? 'best' : undefined}>
            <span className="bar-label">{name}</span>
            <span className="bar-track">
              <span className="bar-fill" style={{ width: `${(p * 100).toFixed(1)}%` }} />
            </span>
          </li>
        );
      })}
    </ol>
  );
}
