/**
 * The machine a benchmark ran on, written beside every result so figures from different machines
 * are not compared by mistake.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';

export interface MachineInfo {
  /** Logical cores available to this process (os.availableParallelism()). */
  cores: number;
  cpuModel: string;
  totalMemoryBytes: number;
  node: string;
  platform: string;
  arch: string;
  /** os.loadavg() when the info was taken (1, 5, 15 min): other work on the machine skews timings. */
  loadAverage?: number[];
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    totalMemoryBytes: os.totalmem(),
    node: process.version,
    platform: os.platform(),
    arch: os.arch(),
    loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100),
  };
}

export interface CommitInfo {
  /** Short hash of HEAD, or null outside a git checkout. */
  commit: string | null;
  /** Whether tracked files differ from HEAD (the figures may not be HEAD's). */
  dirty: boolean | null;
}

export function commitInfo(cwd: string): CommitInfo {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return { commit, dirty: status.trim().length > 0 };
  } catch {
    return { commit: null, dirty: null };
  }
}
