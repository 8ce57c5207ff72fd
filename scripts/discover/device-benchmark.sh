#!/bin/bash
# Copy of what produced docs/recovery.md figures on a lent 16-core machine (no Node there: Deno).
# Prepare: node scripts/build-cli.mjs; RUN_TS_BUILD_ONLY=1 node scripts/run-ts.mjs scripts/discover/recovery.ts;
# .disc/ = deno.xz (from the npm package deno), cli.mjs (imports dist/cli/mechanist.mjs, exits with main(Deno.args)), the held-back CSV.
# One device run: the recovery benchmark (12 cohorts, one core each), the default-settings
# performance run on 2 cores, and a held-back-visits forecast check on 2 cores.
xz -dc .disc/deno.xz > /tmp/deno && chmod +x /tmp/deno || exit 1
nproc; lscpu | grep "Model name"
D="/tmp/deno run -A"
CTX="Plasma concentration (mg/L) of an orally given drug after a single 100 mg dose at time 0, measured in 20 adult patients over 24 hours."
for i in $(seq 0 11); do
  RECOVERY_VERBOSE=1 taskset -c $i $D dist/scripts/recovery.mjs --cases $i --out /tmp/rec-$i.json > /dev/null 2> /tmp/rec-$i.log &
done
( /usr/bin/time -v taskset -c 12,13 $D .disc/cli.mjs discover public/examples/data/pk-oral-cohort.csv --context "$CTX" --seed 1 --workers 2 --predict-times 36,48 --out $OUT/perf.json > /dev/null ) 2> /tmp/perf.log &
( taskset -c 14,15 $D .disc/cli.mjs discover .disc/iv-holdback.csv --proposer library --seed 1 --budget-s 180 --workers 2 --predict-times 12,24 --out $OUT/holdback.json > /dev/null ) 2> /tmp/holdback.log &
wait
cat /tmp/rec-*.json > $OUT/recovery.jsonl
for f in /tmp/rec-*.log /tmp/perf.log /tmp/holdback.log; do echo "== $f"; cat $f; done > $OUT/logs.txt
grep -h "TOP1\|TOP3\|MISS" /tmp/rec-*.log
tail -12 /tmp/perf.log; tail -8 /tmp/holdback.log
