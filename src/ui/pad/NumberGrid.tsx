/** A small grid of numbers as a real table (a screen reader reads it cell by cell): a window, a kernel, their products. */
interface NumberGridProps {
  readonly caption: string;
  /** Row by row; null is padding (outside the input). */
  readonly values: readonly (number | null)[];
  readonly width: number;
  /** An index to mark: the max pooling's winner. */
  readonly highlight?: number | null;
  readonly className?: string;
}

export const formatNumber = (value: number) => (Math.abs(value) >= 1000 || (value !== 0 && Math.abs(value) < 0.001) ? value.toExponential(2) : value.toFixed(3));

export function NumberGrid({ caption, values, width, highlight = null, className }: NumberGridProps) {
  const rows = Array.from({ length: Math.ceil(values.length / width) }, (_, r) => values.slice(r * width, (r + 1) * width));
  return (
    <table className={`number-grid ${className ?? ''}`}>
      <caption>{caption}</caption>
      <tbody>
        {rows.map((row, r) => (
          <tr key={r}>
            {row.map((value, c) => {
              const index = r * width + c;
              return (
                <td key={c} className={index === highlight ? 'winner' : value === null ? 'padding' : undefined}>
                  {value === null ? <abbr title="padding: outside the input, counts as 0">pad</abbr> : formatNumber(value)}
                  {index === highlight && <span className="visually-hidden"> (the largest)</span>}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
