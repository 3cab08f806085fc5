'use client';
/**
 * Visible warnings: invalid feature flags (named, with the value that stands) and the engine's warnings
 * from worldStore (failed chunks...). Dismissable; a new warning shows it again.
 */
import { useState } from 'react';

export function WarningBanner({ warnings }: { warnings: readonly string[] }) {
  const [dismissedCount, setDismissedCount] = useState(0);
  if (warnings.length === 0 || dismissedCount >= warnings.length) return null;
  return (
    <div className="voxel-warnings" id="voxel-warnings" role="status">
      <ul>
        {warnings.map((w, i) => (
          <li key={`${i}:${w}`}>{w}</li>
        ))}
      </ul>
      <button type="button" onClick={() => setDismissedCount(warnings.length)} aria-label="Dismiss warnings">
        ×
      </button>
    </div>
  );
}
