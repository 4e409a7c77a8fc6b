/** An error in words for a message to the person: 'QuotaExceededError: …', the name shown when it says more than "Error". */
export function describeError(error: unknown): string {
  if (!(error instanceof Error || error instanceof DOMException)) return String(error);
  if (error.name === 'Error' || !error.name) return error.message || 'unknown error';
  return error.message ? `${error.name}: ${error.message}` : error.name;
}

/** A text without its closing full stop, to end a sentence that adds its own. */
export const withoutFullStop = (text: string): string => text.replace(/\.+$/, '');
