'use client';
/**
 * What covers the canvas until the world can be flown: a progress bar of the initial load (chunks ready /
 * chunks needed within responsiveDistance, from worldStore `loading`), then the controls until the first
 * click; or, when the world cannot run (no WebGL2, a worker that cannot start: worldStore status 'error'),
 * a message saying so instead of a blank page.
 */
import type { LoadingState } from '@/store/worldStore';

export interface LoadingScreenProps {
  /** The error to show, if any (takes precedence). */
  error: string | null;
  loading: LoadingState;
  /** The world exists (engine created); false while the renderer and workers start. */
  worldStarted: boolean;
  /** The player clicked once: the controls panel is gone. */
  dismissed: boolean;
  controls: readonly (readonly [string, string])[];
}

/** Share of the initial load done, in [0, 1] (0 before anything is needed). */
export function loadingFraction(loading: LoadingState): number {
  if (loading.complete) return 1;
  return loading.needed > 0 ? Math.min(1, loading.ready / loading.needed) : 0;
}

export function LoadingScreen({ error, loading, worldStarted, dismissed, controls }: LoadingScreenProps) {
  if (error) {
    return (
      <div className="voxel-panel voxel-error" role="alert" id="voxel-error">
        <h1>Voxel World</h1>
        <p>{error}</p>
      </div>
    );
  }
  if (!loading.complete) {
    const fraction = loadingFraction(loading);
    return (
      <div className="voxel-loading" id="voxel-loading">
        <div className="voxel-panel" role="status" aria-live="polite">
          <h1>Voxel World</h1>
          <p className="voxel-status">
            {!worldStarted
              ? 'Starting the renderer and workers…'
              : loading.needed > 0
                ? `Loading terrain: ${loading.ready} / ${loading.needed} chunks`
                : 'Loading terrain…'}
          </p>
          <div
            className="voxel-progress"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={loading.needed}
            aria-valuenow={loading.ready}
          >
            <div className="voxel-progress-bar" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
          </div>
        </div>
      </div>
    );
  }
  if (dismissed) return null;
  return (
    <div className="voxel-panel" role="dialog" aria-label="Controls">
      <h1>Voxel World</h1>
      <p className="voxel-status">Click anywhere to fly.</p>
      <dl className="voxel-controls">
        {controls.map(([key, action]) => (
          <div key={key}>
            <dt>{key}</dt>
            <dd>{action}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
