import { loadData } from '/work/main/src/cli/fit.ts';
for (const f of process.argv.slice(2)) {
  try { const d = loadData(f, undefined, 'discover'); console.log('==', f, JSON.stringify(d.series.map((s) => ({ g: s.group, o: s.observable, t: s.times, m: s.mean, sd: s.sd, n: s.n, c: (s as any).censored }))).slice(0, 700), 'groups', JSON.stringify(d.groups).slice(0, 200)); }
  catch (e) { console.log('== ERR', f, String((e as Error).message).slice(0, 500)); }
}
