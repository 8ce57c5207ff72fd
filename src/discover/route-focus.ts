// Groups dosed by different routes (oral beside intravenous) (docs/discovery.md, "Groups dosed by
// different routes"). A drug level measured after both is what a bioavailability study is: the
// library's PK models with a dose entry per route (pk.ts `alsoIv`: the oral dose times F into the
// gut, the IV dose into the central compartment) take every group. Anything else (a marker, a
// response) has no model dosed both ways, so discovery models the oral groups — they show
// absorption and disposition both — and says that it left the intravenous ones out.
import type { Dataset } from '../data/types.ts';
import { measuresDrugLevel } from './domain.ts';

export interface RouteFocus {
  data: Dataset;
  /** groups left out (empty when every group is modelled) */
  dropped: string[];
  note?: string;
  /** oral and IV groups kept together (a drug level: the PK models dosed both ways take them) */
  together?: true;
}

export function focusRoute(data: Dataset, context = ''): RouteFocus {
  const oral = data.groups.filter((g) => g.regimen?.route === 'oral');
  const intravenous = data.groups.filter((g) => g.regimen?.route === 'iv' || g.regimen?.route === 'infusion');
  if (oral.length === 0 || intravenous.length === 0) return { data, dropped: [] };
  const names = (gs: readonly { name: string }[]) => gs.map((g) => `"${g.name}"`).join(', ');
  if (new Set(data.series.map((s) => s.observable)).size === 1 && measuresDrugLevel(data, context)) {
    return { data, dropped: [], together: true, note: `The groups are dosed by different routes (oral: ${names(oral)}; intravenous: ${names(intravenous)}): they are modelled together, by PK models whose oral dose reaches the circulation in the fraction F (bioavailability) and whose IV dose enters the central compartment.` };
  }
  const dropped = new Set(intravenous.map((g) => g.name));
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
