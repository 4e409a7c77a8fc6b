/** Python literals as Python's repr writes them, for the exported scripts (Keras and PyTorch). */

/**
 * Python's repr of a float: the shortest digits that read back as the same number (as JS chooses them too),
 * in exponent form below 1e-4 and from 1e16, and with '.0' on whole numbers: 0.001, 1e-05, 2.0; float('nan') and
 * float('inf') for what is not a finite number.
 */
export function formatPythonFloat(value: number): string {
  // A half-typed or absurd setting must still give readable Python, never an exception in the page.
  if (Number.isNaN(value)) return "float('nan')";
  if (!Number.isFinite(value)) return value > 0 ? "float('inf')" : "-float('inf')";
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const [mantissa = '', exponentText = ''] = Math.abs(value).toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  const digits = mantissa.replace('.', '');
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  return `${sign}${whole}.${digits.slice(exponent + 1) || '0'}`;
}

/** A Python tuple of integers; a 1-tuple needs its trailing comma. */
export function formatPythonTuple(values: readonly number[]): string {
  return values.length === 1 ? `(${values[0]},)` : `(${values.join(', ')})`;
}
