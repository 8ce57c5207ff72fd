// Groups dosed by different routes (oral beside intravenous) cannot share one model's dose target
// (src/infer/regimen.ts checkRoutes: a fit of a given spec refuses them). Rather than refuse the
// study, discovery models the oral groups — they show absorption and disposition both — and says
// that it left the intravenous ones out (docs/discovery.md, "Groups dosed by different routes").
import type { Dataset } from '../data/types.ts';

export interface RouteFocus {
  data: Dataset;
  /** groups left out (empty when every group is modelled) */
  dropped: string[];
  note?: string;
}

export function focusRoute(data: Dataset): RouteFocus {
  const oral = data.groups.filter((g) => g.regimen?.route === 'oral');
  const intravenous = data.groups.filter((g) => g.regimen?.route === 'iv' || g.regimen?.route === 'infusion');
  if (oral.length === 0 || intravenous.length === 0) return { data, dropped: [] };
  const dropped = new Set(intravenous.map((g) => g.name));
  const names = (gs: readonly { name: string }[]) => gs.map((g) => `"${g.name}"`).join(', ');
  return {
    data: {
      ...data,
      groups: data.groups.filter((g) => !dropped.has(g.name)),
      series: data.series.filter((s) => !dropped.has(s.group)),
      ...(data.individuals ? { individuals: data.individuals.filter((i) => !dropped.has(i.group)) } : {}),
    },
    dropped: [...dropped],
    note: `The groups are dosed by different routes (oral: ${names(oral)}; intravenous: ${names(intravenous)}) and one model has one dose target: discovery models the oral groups, which show absorption and disposition, and leaves out ${names(intravenous)}. Run discovery on the intravenous groups separately to compare their disposition.`,
  };
}
