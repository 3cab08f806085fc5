import VoxelWorldClient from '@/components/world/VoxelWorldClient';

export default function Page() {
  return (
    <main className="voxel-main">
      <VoxelWorldClient />
    </main>
  );
}
