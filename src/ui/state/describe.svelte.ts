// LaTeX for a spec, asked of the engine worker once per spec and cached (gallery, results, reports).
import type { ModelSpec } from '../../model/spec.ts';
import { engine } from '../engine/client.ts';
import type { CompiledView } from '../engine/protocol.ts';

class Described {
  current = $state<CompiledView | null>(null);
  error = $state<string | null>(null);
  promise: Promise<CompiledView | null>;
  constructor(spec: ModelSpec) {
    this.promise = engine()
      .describe(spec)
      .then(
        (v) => (this.current = v),
        (e: Error) => {
          this.error = e.message;
          return null;
        },
      );
  }
}

// plain (non-reactive) cache: each entry carries its own reactive state
const cache: Record<string, Described> = {};

export function describeModel(spec: ModelSpec): Described {
  const key = JSON.stringify(spec);
  return (cache[key] ??= new Described($state.snapshot(spec) as ModelSpec));
}
