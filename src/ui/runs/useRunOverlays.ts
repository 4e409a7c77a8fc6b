import { useCallback, useState } from 'react';

export interface RunOverlays {
  readonly overlaid: ReadonlySet<string>;
  readonly toggleOverlay: (id: string) => void;
}

/** Which kept runs are drawn on the charts beside the run going (the runs themselves are the engine's RunLedger). */
export function useRunOverlays(): RunOverlays {
  const [overlaid, setOverlaid] = useState<ReadonlySet<string>>(new Set());
  const toggleOverlay = useCallback((id: string) => {
    setOverlaid((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  return { overlaid, toggleOverlay };
}
