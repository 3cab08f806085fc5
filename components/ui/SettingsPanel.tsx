'use client';
/**
 * The overlay's settings: the flags that are safe to change while the world runs (load distance,
 * prediction, priority mode). A change is validated like a URL flag; the parent then rebuilds the engine
 * with the new config (dispose + create). A refused value shows its message here.
 */
import { useState } from 'react';
import { STREAMING_CONFIG_RULES } from '@/config/streamingConfig';
import type { FlagValues, LiveFlagName } from '@/utils/flags/featureFlags';

/** Load distances offered (blocks); the current value is added when it is not one of them. */
export const LOAD_DISTANCE_CHOICES = [64, 96, 128, 160, 208, 256, 320] as const;

export interface SettingsPanelProps {
  flags: FlagValues;
  onChange: (name: LiveFlagName, value: string) => string | null;
}

export function SettingsPanel({ flags, onChange }: SettingsPanelProps) {
  const [error, setError] = useState<string | null>(null);
  const change = (name: LiveFlagName, value: string) => setError(onChange(name, value));
  const distances: number[] = LOAD_DISTANCE_CHOICES.includes(flags.loadDistance as (typeof LOAD_DISTANCE_CHOICES)[number])
    ? [...LOAD_DISTANCE_CHOICES]
    : [...LOAD_DISTANCE_CHOICES, flags.loadDistance].sort((a, b) => a - b);
  const priorities = (STREAMING_CONFIG_RULES.loadingPriority as { values: readonly string[] }).values;
  return (
    <form className="voxel-settings" onSubmit={(e) => e.preventDefault()} aria-label="Live settings">
      <label>
        load distance
        <select
          name="loadDistance"
          value={String(flags.loadDistance)}
          onChange={(e) => change('loadDistance', e.target.value)}
        >
          {distances.map((d) => (
            <option key={d} value={d}>
              {d} blocks
            </option>
          ))}
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          name="predict"
          checked={flags.predict}
          onChange={(e) => change('predict', e.target.checked ? '1' : '0')}
        />
        prediction
      </label>
      <label>
        priority
        <select name="priority" value={flags.priority} onChange={(e) => change('priority', e.target.value)}>
          {priorities.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p className="voxel-settings-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
