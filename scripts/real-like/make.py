#!/usr/bin/env python3
"""Builds the two 'real-like' aggregate tables of issue 10 (test/fixtures/real-like/), from the
issue's description, with the structure and published population values of the real studies:

theophylline-aggregate.csv  Theophylline, single oral dose (R datasets::Theoph design: 12
    subjects, nominal times 0-24 h with a pre-dose visit). Simulated from the published NLME fit
    (1-compartment oral, ka 1.58 1/h, CL 2.75 L/h, V 31.6 L, BSV CV 72/27/14%), dose 320 mg;
    the pre-dose row is the real data's (mean 0.094, SD 0.22 mg/L, n 12).
warfarin-pca.csv  Prothrombin complex activity (% of normal) after a single oral warfarin dose:
    baseline ~96%, nadir ~19% near 48 h, ~46% by 144 h, 8 visits with n 13-32. Simulated from
    a turnover (indirect response, inhibition of synthesis) model driven by 1-compartment oral PK.
warfarin-pkpd.csv  The same kind of study with both observables, as nlmixr2data's warfarin
    table has them: plasma warfarin (mg/L, 12 visits 0.5-120 h) and PCA (% of normal, 8 visits
    0-144 h) of the same 32 subjects, 100 mg orally; 1-compartment oral PK with a lag (ka 1,
    tlag 0.9 h, CL 0.135 L/h, V 8 L) driving the same turnover model.

Python 3 standard library only; deterministic (fixed seed). Run: python3 scripts/real-like/make.py
"""
import math, random, os

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'fixtures', 'real-like')
rng = random.Random(20261201)

def stats(values):
    n = len(values)
    m = sum(values) / n
    sd = math.sqrt(sum((v - m) ** 2 for v in values) / (n - 1))
    return m, sd

def theoph():
    times = [0, 0.25, 0.5, 1, 2, 3.5, 5, 7, 9, 12, 24]
    dose = 320.0
    subjects = []
    for _ in range(12):
        ka = 1.58 * math.exp(0.64 * rng.gauss(0, 1))
        cl = 2.75 * math.exp(0.26 * rng.gauss(0, 1))
        v = 31.6 * math.exp(0.14 * rng.gauss(0, 1))
        k = cl / v
        row = []
        for t in times:
            c = 0.0 if t == 0 else dose / v * ka / (ka - k) * (math.exp(-k * t) - math.exp(-ka * t))
            row.append(max(0.0, c * (1 + 0.08 * rng.gauss(0, 1)) + 0.1 * rng.gauss(0, 1)) if t > 0 else 0.0)
        subjects.append(row)
    lines = ['group,dose,observable,time (h),mean,sd,n,unit']
    for j, t in enumerate(times):
        if t == 0:
            m, sd = 0.094, 0.22
        else:
            m, sd = stats([s[j] for s in subjects])
        lines.append(f'all,{dose:g},theophylline,{t:g},{m:.3f},{sd:.3f},12,mg/L')
    return '\n'.join(lines) + '\n'

def warfarin():
    times = [0, 24, 36, 48, 72, 96, 120, 144]
    ns = [32, 28, 13, 30, 29, 27, 24, 20]
    dose = 100.0
    subjects = []
    for _ in range(32):
        ka = 1.0 * math.exp(0.4 * rng.gauss(0, 1))
        cl = 0.2 * math.exp(0.25 * rng.gauss(0, 1))
        v = 8.0 * math.exp(0.15 * rng.gauss(0, 1))
        ic50 = 0.8 * math.exp(0.3 * rng.gauss(0, 1))
        kout = 0.055 * math.exp(0.2 * rng.gauss(0, 1))
        r0 = 96 * math.exp(0.08 * rng.gauss(0, 1))
        # Euler–Richardson (midpoint) steps of 0.01 h on gut, central, R
        gut, cen, r, t, dt = dose, 0.0, r0, 0.0, 0.01
        out = {}
        def f(g, c, rr):
            conc = c / v
            return (-ka * g, ka * g - cl / v * c, kout * r0 * (1 - conc / (ic50 + conc)) - kout * rr)
        want = list(times)
        while want:
            if abs(t - want[0]) < dt / 2:
                out[want.pop(0)] = r
                continue
            a = f(gut, cen, r)
            b = f(gut + dt / 2 * a[0], cen + dt / 2 * a[1], r + dt / 2 * a[2])
            gut, cen, r, t = gut + dt * b[0], cen + dt * b[1], r + dt * b[2], t + dt
        subjects.append([out[x] * (1 + 0.05 * rng.gauss(0, 1)) for x in times])
    lines = ['group,dose,observable,time (h),mean,sd,n,unit']
    for j, t in enumerate(times):
        m, sd = stats([s[j] for s in subjects[: ns[j]]])
        lines.append(f'all,{dose:g},PCA,{t:g},{m:.1f},{sd:.1f},{ns[j]},% of normal')
    return '\n'.join(lines) + '\n'

def warfarin_pkpd():
    cp_times = [0.5, 1, 2, 3, 6, 9, 12, 24, 36, 48, 72, 96, 120]
    pca_times = [0, 24, 36, 48, 72, 96, 120, 144]
    dose, n = 100.0, 32
    cps, pcas = [], []
    for _ in range(n):
        ka = 1.0 * math.exp(0.5 * rng.gauss(0, 1))
        tlag = 0.9
        cl = 0.135 * math.exp(0.3 * rng.gauss(0, 1))
        v = 8.0 * math.exp(0.2 * rng.gauss(0, 1))
        ic50 = 1.2 * math.exp(0.3 * rng.gauss(0, 1))
        kout = 0.04 * math.exp(0.2 * rng.gauss(0, 1))
        r0 = 96 * math.exp(0.08 * rng.gauss(0, 1))
        k = cl / v
        def conc(t):
            s = t - tlag
            return 0.0 if s <= 0 else dose / v * ka / (ka - k) * (math.exp(-k * s) - math.exp(-ka * s))
        # midpoint steps of 0.01 h on R, driven by the closed-form concentration
        r, t, dt, out = r0, 0.0, 0.01, {}
        want = list(pca_times)
        while want:
            if abs(t - want[0]) < dt / 2:
                out[want.pop(0)] = r
                continue
            f = lambda tt, rr: kout * r0 * (1 - conc(tt) / (ic50 + conc(tt))) - kout * rr
            r, t = r + dt * f(t + dt / 2, r + dt / 2 * f(t, r)), t + dt
        cps.append([conc(x) * (1 + 0.1 * rng.gauss(0, 1)) for x in cp_times])
        pcas.append([out[x] * (1 + 0.05 * rng.gauss(0, 1)) for x in pca_times])
    lines = ['group,dose,observable,time (h),mean,sd,n,unit']
    for j, t in enumerate(cp_times):
        m, sd = stats([s[j] for s in cps])
        lines.append(f'all,{dose:g},warfarin,{t:g},{m:.3f},{sd:.3f},{n},mg/L')
    for j, t in enumerate(pca_times):
        m, sd = stats([s[j] for s in pcas])
        lines.append(f'all,{dose:g},PCA,{t:g},{m:.1f},{sd:.1f},{n},% of normal')
    return '\n'.join(lines) + '\n'

os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, 'theophylline-aggregate.csv'), 'w') as fh: fh.write(theoph())
with open(os.path.join(OUT, 'warfarin-pca.csv'), 'w') as fh: fh.write(warfarin())
with open(os.path.join(OUT, 'warfarin-pkpd.csv'), 'w') as fh: fh.write(warfarin_pkpd())
