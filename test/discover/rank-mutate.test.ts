import { describe, expect, it } from 'vitest';
import { modelWeights, rankByEvidence } from '../../src/discover/rank.ts';
import { mutate, symptoms } from '../../src/discover/mutations.ts';
import { dataFeatures } from '../../src/discover/features.ts';
import { dataScales, motifById } from '../../src/discover/library/index.ts';
import { structureKey } from '../../src/discover/structure-key.ts';
import { explain } from '../../src/discover/explain.ts';
import type { Diagnostics, FitReport } from '../../src/infer/report.ts';
import { BIPHASIC_IV, ORAL_PK } from './fixtures.ts';

const diag = (over: Partial<Diagnostics> = {}): Diagnostics => ({
  residuals: [], patterns: [], identifiability: { contraction: {}, correlated: [], atPriorEdge: [] }, failedFraction: 0, warnings: [], ...over,
});

describe('model weights and ranking', () => {
  it('posterior model probabilities follow the log-evidence, with MC errors drawn from the evidences\' errors', () => {
    const { weight, weightSE } = modelWeights([0, -Math.log(3)], [0.1, 0.1]);
    expect(weight[0]).toBeCloseTo(0.75, 12);
    expect(weight[1]).toBeCloseTo(0.25, 12);
    // small errors: the delta method's Var w1 = w1²[(1-w1)² s1² + w2² s2²], within the draws' own error
    const delta = Math.sqrt(0.75 ** 2 * (0.25 ** 2 * 0.01 + 0.25 ** 2 * 0.01));
    expect(weightSE[0]! / delta).toBeGreaterThan(0.95);
    expect(weightSE[0]! / delta).toBeLessThan(1.05);
    expect(weightSE[1]).toBeCloseTo(weightSE[0]!, 12);
    // errors larger than the gap (soybean: 7.3 ahead, SEs ≈ 10): the delta method gave ± 0.007; the weight is anyone's
    const far = modelWeights([-195.9, -203.5], [10.65, 10.27]);
    expect(far.weight[0]).toBeGreaterThan(0.99);
    expect(far.weightSE[0]).toBeGreaterThan(0.3);
    expect(modelWeights([-195.9, -203.5], [10.65, 10.27])).toEqual(far);
    expect(modelWeights([1, 1, 1], [0, 0, 0]).weightSE).toEqual([0, 0, 0]);
    expect(modelWeights([-Infinity, 2], [0, 0]).weight).toEqual([0, 1]);
  });
  it('ranks by evidence, prefers the simpler model within Monte-Carlo error, and is deterministic', () => {
    const items = [
      { name: 'complex', logEvidence: 10.4, logEvidenceSE: 0.3, nParams: 8 },
      { name: 'simple', logEvidence: 10.0, logEvidenceSE: 0.3, nParams: 5 },
      { name: 'bad', logEvidence: 2, logEvidenceSE: 0.3, nParams: 3 },
      { name: 'far', logEvidence: 20, logEvidenceSE: 0.2, nParams: 12 },
    ];
    const r = rankByEvidence(items, (x) => x);
    expect(r.map((x) => x.item.name)).toEqual(['far', 'simple', 'complex', 'bad']);
    expect(r.reduce((a, b) => a + b.weight, 0)).toBeCloseTo(1, 12);
    expect(rankByEvidence([...items].reverse(), (x) => x).map((x) => x.item.name)).toEqual(r.map((x) => x.item.name));
    // a simpler model with a very noisy evidence is not promoted
    const noisy = rankByEvidence([{ name: 'good', logEvidence: 0, logEvidenceSE: 0.4, nParams: 10 }, { name: 'noisy', logEvidence: -30, logEvidenceSE: 20, nParams: 4 }], (x) => x);
    expect(noisy.map((x) => x.item.name)).toEqual(['good', 'noisy']);
    // nor a simpler model over a noisy leader when a model between them beats it clearly (NAFTA
    // p16 without day 70: FOMC 4.1 below a leader with SE 2.05, so within its Monte-Carlo band,
    // but 2.8 below DFOP, whose SE is 0.2): DFOP, simpler than the leader, comes first
    const nafta = [
      { name: 'decay-biphasic', logEvidence: -53.1, logEvidenceSE: 2.05, nParams: 5 },
      { name: 'deg-dfop', logEvidence: -54.39, logEvidenceSE: 0.2, nParams: 4 },
      { name: 'deg-fomc', logEvidence: -57.17, logEvidenceSE: 0.2, nParams: 3 },
    ];
    expect(rankByEvidence(nafta, (x) => x).map((x) => x.item.name)).toEqual(['deg-dfop', 'deg-fomc', 'decay-biphasic']);
    // without the model between them the simpler one is promoted as before
    expect(rankByEvidence([nafta[0]!, nafta[2]!], (x) => x).map((x) => x.item.name)).toEqual(['deg-fomc', 'decay-biphasic']);
  });
});

describe('diagnosis-driven mutations', () => {
  const feats = dataFeatures(BIPHASIC_IV);
  const scales = dataScales(BIPHASIC_IV);
  const oneCmt = motifById('pk-1cmt-iv')!.build(scales);
  it('adds a peripheral compartment when the late decline is under-fitted', () => {
    const d = diag({ residuals: [12, 16, 20, 24].map((t) => ({ group: 'all', observable: 'conc', time: t, meanZ: 2.5, sdZ: 0 })) });
    const out = mutate({ spec: oneCmt, diagnostics: d, features: feats, scales });
    expect(out.map((p) => p.spec.name)).toContain('pk-2cmt-iv');
    const two = out.find((p) => p.spec.name === 'pk-2cmt-iv')!;
    expect(structureKey(two.spec)).toBe(structureKey(motifById('pk-2cmt-iv')!.build(scales)));
    expect(two.rationale).toMatch(/peripheral/);
  });
  it('adds lag or transit absorption when the peak timing is off', () => {
    const f = dataFeatures(ORAL_PK);
    const s = dataScales(ORAL_PK);
    const oral = motifById('pk-1cmt-oral')!.build(s);
    const d = diag({ residuals: [0.5, 1, 2].map((t) => ({ group: 'all', observable: 'conc', time: t, meanZ: -3.2, sdZ: 0 })) });
    const names = mutate({ spec: oral, diagnostics: d, features: f, scales: s }).map((p) => p.spec.name);
    expect(names).toEqual(expect.arrayContaining(['pk-1cmt-oral-lag', 'pk-1cmt-oral-transit']));
  });
  it('proposes saturable elimination when dose-normalised curves diverge', () => {
    const out = mutate({ spec: oneCmt, diagnostics: diag(), features: { ...feats, biphasicDecline: false, doseNonlinear: true }, scales });
    expect(out.map((p) => p.spec.name)).toEqual(expect.arrayContaining(['pk-1cmt-iv-mm', 'pk-1cmt-iv-mixed']));
    // they extend the linear parent: judged by full fits when the budget allows (settle.ts), not by their screens
    for (const p of out.filter((q) => /-(mm|mixed)$/.test(q.spec.name))) expect(p.extends).toBe(oneCmt.name);
    // a late misfit alone proposes them too, as alternatives of their own
    const late = diag({ residuals: [4, 8, 12].map((t) => ({ group: 'all', observable: 'conc', time: t, meanZ: -3.2, sdZ: 0 })) });
    const alone = mutate({ spec: oneCmt, diagnostics: late, features: { ...feats, biphasicDecline: false, doseNonlinear: false }, scales }).filter((q) => /-(mm|mixed)$/.test(q.spec.name));
    expect(alone.length).toBeGreaterThan(0);
    for (const p of alone) expect(p.extends).toBeUndefined();
  });
  it('adds between-subject variability where the SD is under-predicted, and removes uninformed BSV', () => {
    const d = diag({ residuals: [1, 2, 4].map((t) => ({ group: 'all', observable: 'conc', time: t, meanZ: 0, sdZ: 2 })) });
    const f = { ...feats, biphasicDecline: false };
    const two = motifById('pk-2cmt-iv')!.build(scales);
    const out = mutate({ spec: two, diagnostics: d, features: f, scales });
    const bsv = out.filter((p) => p.spec.name.includes('+BSV'));
    expect(bsv.length).toBeGreaterThan(0);
    for (const p of bsv) {
      const added = p.spec.parameters.filter((q) => q.varies && !two.parameters.find((o) => o.name === q.name)!.varies);
      expect(added).toHaveLength(1);
      expect(added[0]!.omega).toBeDefined();
      expect(p.extends).toBe('pk-2cmt-iv');
    }
    const un = mutate({ spec: two, diagnostics: diag({ identifiability: { contraction: { omega_V: 0.98 }, correlated: [], atPriorEdge: [] } }), features: f, scales });
    const less = un.find((p) => p.spec.name.includes('-BSV'))!;
    expect(less.spec.parameters.find((q) => q.name === 'V')!.varies).toBe(false);
    expect(less.extends).toBeUndefined();
    expect(less.spec.parameters.find((q) => q.name === 'CL')!.varies).toBe(true);
  });
  it('drops a compartment whose parameters are not identified', () => {
    const two = motifById('pk-2cmt-iv')!.build(scales);
    const d = diag({ identifiability: { contraction: { 'log Q': 0.97, 'log V2': 0.99 }, correlated: [], atPriorEdge: [] } });
    const out = mutate({ spec: two, diagnostics: d, features: { ...feats, biphasicDecline: false }, scales });
    expect(out.map((p) => p.spec.name)).toContain('pk-1cmt-iv');
    expect(symptoms(d, feats).notIdentified).toEqual(['log Q', 'log V2']);
  });
});

describe('why this model', () => {
  it('says how strongly the data prefer it and what is poorly identified', () => {
    const report = { diagnostics: diag({ residuals: [{ group: 'g', observable: 'y', time: 1, meanZ: 0.3, sdZ: 0.1 }], identifiability: { contraction: {}, correlated: [{ a: 'ka', b: 'CL', corr: 0.97 }], atPriorEdge: [] } }), bsv: { CL: { omega: { median: 0.3, q05: 0.2, q95: 0.4 }, cvPercent: 31 } } } as unknown as FitReport;
    const text = explain({ rank: 1, weight: 0.9, logEvidence: -3, logEvidenceSE: 0.3, reference: { name: 'other', logEvidence: -7 }, report, rationale: 'Mechanism.' });
    expect(text).toMatch(/posterior probability 90%/);
    expect(text).toMatch(/by 4\.0 — strong evidence/);
    expect(text).toMatch(/ka\/CL/);
    expect(text).toMatch(/CL 31%/);
    expect(text).toMatch(/every visit/);
    expect(text).not.toMatch(/standing in/);
  });
  it('asks the reader to check a between-subject spread above 100% (ACTG 315: B0 235%)', () => {
    const report = { diagnostics: diag(), bsv: { B0: { omega: { median: 1.2, q05: 1, q95: 1.4 }, cvPercent: 235 }, delta: { omega: { median: 0.3, q05: 0.2, q95: 0.4 }, cvPercent: 31 } } } as unknown as FitReport;
    const text = explain({ rank: 1, weight: 1, logEvidence: -3, logEvidenceSE: 0.3, report, rationale: '' });
    expect(text).toMatch(/A spread above 100% \(B0\) is wider than most between-subject variability/);
  });
  it('says a rival has more evidence when it does, and why it is not first (FOCUS L3: FOMC first, DFOP 1.9 above)', () => {
    const report = { diagnostics: diag(), bsv: {} } as unknown as FitReport;
    const fomc = { structural: 3, all: 4 }, dfop = { structural: 4, all: 5 };
    const first = explain({ rank: 1, weight: 0.07, logEvidence: -30.8, logEvidenceSE: 0.03, size: fomc, reference: { name: 'deg-dfop', logEvidence: -28.9, size: dfop }, report, rationale: '' });
    expect(first).toMatch(/Ranked first although deg-dfop has 1\.9 more log-evidence: it has fewer parameters/);
    expect(first).toMatch(/the simplest among the equally supported/);
    expect(first).not.toMatch(/within Monte-Carlo error/);
    const second = explain({ rank: 2, weight: 0.45, logEvidence: -28.9, logEvidenceSE: 0.02, size: dfop, reference: { name: 'deg-fomc', logEvidence: -30.8, size: fomc }, report, rationale: '' });
    expect(second).toMatch(/Rank 2 \(probability 45%\): 1\.9 log-evidence units above deg-fomc, but ranked below it: it has more parameters/);
    expect(second).not.toMatch(/behind|-1\.9/);
    // a same-sized rival of a family the words do not name: the verdict says which rule kept the first
    const named = explain({ rank: 2, weight: 0.2, logEvidence: -10, logEvidenceSE: 0.1, size: fomc, reference: { name: 'deg-sfo', logEvidence: -10.5, size: fomc }, report, rationale: '' });
    expect(named).toMatch(/0\.5 log-evidence units above deg-sfo, but ranked below it: the margin is short/);
    const behind = explain({ rank: 2, weight: 0.2, logEvidence: -12, logEvidenceSE: 0.1, size: fomc, reference: { name: 'deg-sfo', logEvidence: -10.5, size: fomc }, report, rationale: '' });
    expect(behind).toMatch(/Rank 2 \(probability 20%\): 1\.5 log-evidence units behind deg-sfo\./);
  });
});
