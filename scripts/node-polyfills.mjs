// Vitest 5 targets Node ≥ 22; on Node 20 its failure summary calls Map.groupBy / Object.groupBy.
// Loaded with `node --import` before Vitest so failures are reported instead of crashing the reporter.
function groupInto(items, keyOf, add) {
  let i = 0;
  for (const item of items) add(keyOf(item, i++), item);
}
if (typeof Map.groupBy !== 'function') {
  Map.groupBy = (items, keyOf) => {
    const out = new Map();
    groupInto(items, keyOf, (k, v) => (out.has(k) ? out.get(k).push(v) : out.set(k, [v])));
    return out;
  };
}
if (typeof Object.groupBy !== 'function') {
  Object.groupBy = (items, keyOf) => {
    const out = Object.create(null);
    groupInto(items, keyOf, (k, v) => (k in out ? out[k].push(v) : (out[k] = [v])));
    return out;
  };
}
