#!/usr/bin/env bash
# ONE call on the lent GPU machine that measures everything issues 3 and 4 still need, from the
# same run: our WGSL kernels next to the hand-written reference kernels, JAX and diffrax
# (lorenz-rk4 up to 8.4M trajectories, adaptive PK up to 4.2M subjects), then the population fit
# 2048 × 256 twice (run 2 without shader compilation). Each step has its own timeout, so a hang
# cannot take the others' numbers; the sum of the timeouts stays under 570 s.
# Prepare here first:  bash ../shared/gpu/prepare.sh && npm run build:gpu-bench
# Then, with the run tool:  bash scripts/gpu-device-run.sh   (carry [".gpu"], timeout_s 590)
set -u
cd "$(dirname "$0")/.."
step() { local t=$1; shift; echo "=== $* (timeout ${t}s)"; timeout "$t" "$@"; echo "=== exit $?"; }
L=65536,1048576,8388608
P=65536,1048576,4194304
step 80 bash .gpu/run-on-gpu.sh .gpu/bench.mjs $L $P 5
step 45 bash .gpu/run-on-gpu.sh .gpu/lorenz-wgsl.mjs $L 1000 5
step 45 bash .gpu/run-on-gpu.sh .gpu/pk-wgsl.mjs $P 5
step 110 python3 .gpu/lorenz_jax.py $L 1000 5
step 110 python3 .gpu/pk_diffrax.py $P 3
step 170 bash .gpu/run-on-gpu.sh .gpu/fit.mjs --particles 2048 --subjects 256 --seed 1 --runs 2
