const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

interface ProbabilityBarsProps {
  /** One probability per digit, 0 to 9. */
  readonly probabilities: Float32Array;
  /** The digit the model reads, whose bar stands out. */
  readonly best: number;
}

/** One bar per digit, as long as the model's probability for it. */
export function ProbabilityBars({ probabilities, best }: ProbabilityBarsProps) {
  return (
    <ol className="probability-bars" aria-label="Probability of each digit">
      {DIGITS.map((d) => {
        const p = probabilities[d] ?? 0;
        return (
          <li key={d} aria-label={`${d}: ${(p * 100).toFixed(1)}%`} className={d === best ? 'best' : undefined}>
            <span className="bar-label">{d}</span>
            <span className="bar-track">
              <span className="bar-fill" style={{ width: `${(p * 100).toFixed(1)}%` }} />
            </span>
          </li>
        );
      })}
    </ol>
  );
}
