'use client';
/**
 * Client wrapper of the world: loads ModularVoxelCanvas only in the browser (three.js, workers, window),
 * since Next 16 allows `ssr: false` dynamic imports only from client components.
 */
import dynamic from 'next/dynamic';

const ModularVoxelCanvas = dynamic(() => import('@/components/world/ModularVoxelCanvas'), {
  ssr: false,
  loading: () => (
    <div className="voxel-root">
      <div className="voxel-panel">
        <h1>Voxel World</h1>
        <p className="voxel-status">Loading the renderer…</p>
      </div>
    </div>
  ),
});

export default function VoxelWorldClient() {
  return <ModularVoxelCanvas />;
}
