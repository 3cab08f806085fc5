'use client';
/**
 * Client wrapper of the world: loads the app (flags, canvas, overlay, debug API) only in the browser
 * (three.js, workers, window, localStorage), since Next 16 allows `ssr: false` dynamic imports only from
 * client components.
 */
import dynamic from 'next/dynamic';

const VoxelApp = dynamic(() => import('@/components/ui/VoxelApp'), {
  ssr: false,
  loading: () => (
    <div className="voxel-root">
      <div className="voxel-panel" role="status">
        <h1>Voxel World</h1>
        <p className="voxel-status">Loading the renderer…</p>
      </div>
    </div>
  ),
});

export default function VoxelWorldClient() {
  return <VoxelApp />;
}
