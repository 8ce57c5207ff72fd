// The example datasets: which model generates each, the true population parameters, the study
// design and the seed. Everything in public/examples/data is derived from this table by
// generate.ts, so the truth behind every file is known (and written to index.json).
import type { Regimen } from '../../src/data/types.ts';
import type { CohortTruth } from '../../src/infer/index.ts';

export interface ExampleGroup {
  name: string;
  /** the group's dose covariate; omitted: the model's default dose, and no dose column */
  dose?: number;
  /** this group's own dosing regimen (else the definition's `regimen`) */
  regimen?: Regimen;
  /** other covariates of the group by the model's names (a column each, e.g. WT → "WT (kg)") */
  covariates?: Record<string, number>;
}

export interface ExampleDefinition {
  file: string;
  title: string;
  description: string;
  /** what the context step should say about the data (fed to model proposers) */
  context: string;
  /** model spec file in public/examples/models */
  modelFile: string;
  truth: CohortTruth;
  /** visit times in the model's time unit */
  times: number[];
  /** subjects per group */
  n: number;
  groups?: ExampleGroup[];
  /** write a `dose` column (also for a single group) */
  doseColumn?: boolean;
  /** model observables written to the file (default: all) */
  observables?: string[];
  /** visits published as means only (SD left empty), e.g. from a figure without error bars */
  meanOnlyTimes?: number[];
  format: 'aggregate' | 'individual';
  /** the dosing regimen of every group (written as route, duration, interval, doses columns) */
  regimen?: Regimen;
  /** write every group's administrations to a separate dosing table, dosing/<file> (no regimen columns) */
  dosingTable?: boolean;
  /** an individual example written as a NONMEM table (ID, TIME, AMT, DV, EVID, MDV, CMT, II, ADDL, BLQ, LLOQ) */
  nonmem?: {
    /** observations below this are written as BLQ records (DV ".", MDV 1, BLQ 1) */
    lloq: number;
  };
  seed: number;
}

/** The dataset the app loads on first start. */
export const DEFAULT_EXAMPLE = 'pk-oral-cohort.csv';

const PK_TIMES = [0.25, 0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24];

/** One-compartment oral PK truth shared by the default and its variants (same drug). */
const PK_ORAL_TRUTH: CohortTruth = {
  theta: { ka: 1.5, CL: 4, V: 35 },
  omega: { ka: 0.35, CL: 0.3, V: 0.2 },
  sigma: { additive: 0.05, proportional: 0.1 },
};

export const EXAMPLES: ExampleDefinition[] = [
  {
    file: DEFAULT_EXAMPLE,
    title: 'Oral drug, single 100 mg dose (PK cohort)',
    description: 'Plasma concentration after one 100 mg oral dose in 20 patients, 11 visits over 24 h: mean, SD and n per visit.',
    context: 'Plasma concentration (mg/L) of an orally given drug after a single 100 mg dose at time 0, measured in 20 adult patients over 24 hours.',
    modelFile: 'pk-1cmt-oral.json',
    truth: PK_ORAL_TRUTH,
    times: PK_TIMES,
    n: 20,
    format: 'aggregate',
    seed: 20261126,
  },
  {
    file: 'pk-two-dose-groups.csv',
    title: 'Oral drug at 50 mg and 200 mg (two dose groups)',
    description: 'The same drug as the default example given as a single oral dose of 50 mg (n = 12) or 200 mg (n = 12); concentration rises in proportion to dose.',
    context: 'Plasma concentration (mg/L) after a single oral dose of 50 mg or 200 mg at time 0, two parallel dose groups of 12 patients, sampled over 24 hours.',
    modelFile: 'pk-1cmt-oral.json',
    truth: PK_ORAL_TRUTH,
    times: PK_TIMES,
    n: 12,
    groups: [{ name: 'low', dose: 50 }, { name: 'high', dose: 200 }],
    format: 'aggregate',
    seed: 4242,
  },
  {
    file: 'pk-2cmt-iv.csv',
    title: 'Intravenous bolus with tissue distribution (two compartments)',
    description: 'Plasma concentration after a 100 mg IV bolus in 16 patients: a fast distribution phase then a slow elimination phase (bi-exponential decline).',
    context: 'Plasma concentration (mg/L) after a single 100 mg intravenous bolus at time 0 in 16 patients, sampled from 5 minutes to 24 hours.',
    modelFile: 'pk-2cmt-iv.json',
    truth: {
      theta: { CL: 3, V1: 10, Q: 12, V2: 40 },
      omega: { CL: 0.3, V1: 0.2 },
      sigma: { proportional: 0.08 },
    },
    times: [0.083, 0.25, 0.5, 1, 2, 4, 6, 8, 12, 24],
    n: 16,
    groups: [{ name: 'all', dose: 100 }],
    doseColumn: true,
    format: 'aggregate',
    seed: 777,
  },
  {
    file: 'tumour-growth-gompertz.csv',
    title: 'Tumour growth (Gompertz)',
    description: 'Tumour volume measured weekly for 10 weeks in 15 untreated animals; growth slows as tumours approach a plateau.',
    context: 'Tumour volume (mm^3) measured by calipers once a week for 10 weeks in 15 untreated xenograft mice; day 0 is the first measurement.',
    modelFile: 'growth-gompertz.json',
    truth: {
      theta: { alpha: 0.06, Kmax: 1500, vol0: 60 },
      omega: { alpha: 0.25, Kmax: 0.3 },
      sigma: { proportional: 0.12 },
    },
    times: [0, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70],
    n: 15,
    format: 'aggregate',
    seed: 9090,
  },
  {
    file: 'epidemic-sir.csv',
    title: 'Epidemic wave (SIR), infected fraction',
    description: 'Fraction of the population currently infected in 10 comparable sites over 80 days: one outbreak wave that peaks and dies out.',
    context: 'Fraction of residents currently infected (prevalence), surveyed every few days in 10 comparable closed communities during one outbreak; day 0 is the start of surveillance.',
    modelFile: 'epi-sir.json',
    truth: {
      theta: { beta: 0.5, gamma: 0.2, I0: 0.002 },
      omega: { beta: 0.1, gamma: 0.1 },
      sigma: { additive: 0.001, proportional: 0.08 },
    },
    times: [0, 5, 10, 15, 20, 25, 30, 35, 40, 50, 60, 80],
    n: 10,
    observables: ['prevalence'],
    format: 'aggregate',
    seed: 1918,
  },
  {
    file: 'indirect-response.csv',
    title: 'Biomarker suppressed by a drug (indirect response), two observables',
    description: 'Drug concentration and a biomarker in 14 patients after a single 200 mg oral dose; the biomarker falls with a delay and recovers over three days.',
    context: 'Plasma drug concentration (mg/L) and a plasma biomarker (U/L) measured together in 14 patients after a single 200 mg oral dose at time 0; the drug inhibits the production of the biomarker.',
    modelFile: 'pd-indirect-response.json',
    truth: {
      theta: { ka: 1, CL: 5, V: 50, kin: 12, kout: 0.12, IC50: 1.2 },
      omega: { CL: 0.3, kin: 0.2, IC50: 0.35 },
      sigma: { proportional: 0.08 },
    },
    times: [0.5, 1, 2, 4, 8, 12, 24, 36, 48, 72],
    n: 14,
    groups: [{ name: 'all', dose: 200 }],
    doseColumn: true,
    format: 'aggregate',
    seed: 31415,
  },
  {
    file: 'disease-progression.csv',
    title: 'Slow disease progression with and without treatment (rare disease)',
    description: 'A functional score declining over 6 months in a placebo and a treated group (weekly 100 mg) of 10 patients each; two visits were published as means only.',
    context: 'A disease severity score (higher is better) in a slowly progressive rare disease, measured monthly for 24 weeks; placebo group versus a group treated weekly with 100 mg of a drug. Visits at weeks 8 and 20 were reported as means only.',
    modelFile: 'disease-progression.json',
    truth: {
      theta: { ka: 20, ke: 2, V: 50, kin: 10, kout: 0.5, prog: 0.03, Emax: 0.6, EC50: 0.5, gam: 1.5 },
      omega: { ke: 0.3, kin: 0.15, prog: 0.3 },
      sigma: { additive: 0.4, proportional: 0.05 },
    },
    times: [0, 4, 8, 12, 16, 20, 24],
    n: 10,
    groups: [{ name: 'placebo', dose: 0 }, { name: 'treated', dose: 100 }],
    observables: ['biomarker'],
    meanOnlyTimes: [8, 20],
    format: 'aggregate',
    seed: 2718,
  },
  {
    file: 'growth-20-groups.csv',
    title: 'Plant growth in 20 plots (logistic), a large multi-group study',
    description: 'Leaf weight per plant in 20 plots of the same crop, 8 plants sampled at each of 10 weekly visits from day 14: 200 rows, the size of a real multi-arm growth study.',
    context: 'Leaf dry weight (g per plant) of a crop grown in 20 comparable field plots; 8 plants per plot harvested weekly from day 14 to day 77 after sowing.',
    modelFile: 'growth-logistic.json',
    truth: {
      theta: { r: 0.12, K: 18, N0: 0.03 },
      omega: { r: 0.06, K: 0.2 },
      sigma: { proportional: 0.1 },
    },
    times: [14, 21, 28, 35, 42, 49, 56, 63, 70, 77],
    n: 8,
    groups: Array.from({ length: 20 }, (_, i) => ({ name: `plot${String(i + 1).padStart(2, '0')}` })),
    format: 'aggregate',
    seed: 1616,
  },
  {
    file: 'pk-oral-individual.csv',
    title: 'Oral drug, individual rows (aggregated on import)',
    description: 'The default drug and dose as one row per patient and visit (12 patients, 11 visits); Mechanist computes mean, SD and n per visit locally.',
    context: 'Plasma concentration (mg/L) of an orally given drug after a single 100 mg dose at time 0, one row per patient and sampling time, 12 patients over 24 hours.',
    modelFile: 'pk-1cmt-oral.json',
    truth: PK_ORAL_TRUTH,
    times: PK_TIMES,
    n: 12,
    format: 'individual',
    seed: 1234,
  },
  {
    file: 'pk-infusion-two-arms.csv',
    title: 'Repeated 1-hour infusions at 100 mg and 300 mg (two arms, two compartments)',
    description: 'Two arms of 12 patients each receive a 1-hour IV infusion every 12 hours, 3 infusions; plasma concentrations during and after the first and third infusions, with troughs. The regimen is in the route, duration, interval and doses columns.',
    context: 'Plasma concentration (mg/L) in two arms (100 mg or 300 mg) given as 1-hour intravenous infusions every 12 hours, three infusions, 12 patients per arm.',
    modelFile: 'pk-2cmt-iv.json',
    truth: {
      theta: { CL: 3, V1: 10, Q: 12, V2: 40 },
      omega: { CL: 0.3, V1: 0.2 },
      sigma: { proportional: 0.08 },
    },
    times: [0.5, 1, 2, 4, 8, 12, 24, 24.5, 25, 26, 28, 32, 36, 48],
    n: 12,
    groups: [{ name: 'low', dose: 100 }, { name: 'high', dose: 300 }],
    regimen: { route: 'infusion', duration: 1, interval: 12, count: 3 },
    format: 'aggregate',
    seed: 4242,
  },
  {
    file: 'pk-infusion-two-schedules.csv',
    title: 'Two infusion schedules: 100 mg over 1 h every 12 h vs 200 mg over 2 h every 24 h',
    description: 'Two arms of 12 patients on different schedules of the same drug (two compartments): 1-hour infusions of 100 mg every 12 hours (four) or 2-hour infusions of 200 mg every 24 hours (two), sampled over 48 hours. Each arm\'s regimen is in its own route, duration, interval and doses cells; one fit takes both.',
    context: 'Plasma concentration (mg/L) of an intravenously infused drug in two arms of 12 patients: 100 mg over 1 hour every 12 hours (4 infusions) or 200 mg over 2 hours every 24 hours (2 infusions).',
    modelFile: 'pk-2cmt-iv.json',
    truth: {
      theta: { CL: 3, V1: 10, Q: 12, V2: 40 },
      omega: { CL: 0.3, V1: 0.2 },
      sigma: { proportional: 0.08 },
    },
    times: [0.5, 1, 2, 4, 8, 11.9, 13, 23.9, 25, 26, 28, 35.9, 37, 48],
    n: 12,
    groups: [
      { name: 'q12h', dose: 100, regimen: { route: 'infusion', duration: 1, interval: 12, count: 4 } },
      { name: 'q24h', dose: 200, regimen: { route: 'infusion', duration: 2, interval: 24, count: 2 } },
    ],
    format: 'aggregate',
    seed: 2424,
  },
  {
    file: 'pk-oral-loading-dose.csv',
    title: 'Oral drug with and without a loading dose: schedules in a separate dosing table',
    description: 'Two arms of 12 patients: 300 mg then 100 mg every 12 h (a loading dose), or 100 mg every 12 h, five doses each; the schedule of each arm is in dosing/pk-oral-loading-dose.csv (group, time, amount, route), since changing amounts cannot be written as interval and doses columns.',
    context: 'Plasma concentration (mg/L) of an orally given drug in two arms of 12 patients, five doses 12 hours apart: a 300 mg loading dose followed by 100 mg, or 100 mg throughout.',
    modelFile: 'pk-1cmt-oral.json',
    truth: PK_ORAL_TRUTH,
    times: [1, 2, 4, 8, 11.9, 13, 23.9, 25, 35.9, 37, 47.9, 49, 52, 60, 72],
    n: 12,
    groups: [
      { name: 'loading', dose: 300, regimen: { route: 'oral', administrations: [{ time: 0, amount: 300 }, { time: 12, amount: 100 }, { time: 24, amount: 100 }, { time: 36, amount: 100 }, { time: 48, amount: 100 }] } },
      { name: 'maintenance', dose: 100, regimen: { route: 'oral', interval: 12, count: 5 } },
    ],
    dosingTable: true,
    format: 'aggregate',
    seed: 3100,
  },
  {
    file: 'pk-oral-multiple-nonmem.csv',
    title: 'Oral drug twice daily for 3 days, NONMEM-format rows (aggregated on import)',
    description: 'The default drug given as 100 mg every 12 h, six doses, in 12 patients: a NONMEM table with one dose record per patient (ADDL/II), peaks, troughs before each dose, and a washout tail where a few samples are below the LLOQ (BLQ flag, MDV = 1).',
    context: 'Plasma concentration (mg/L) of an orally given drug, 100 mg every 12 hours for six doses starting at time 0, in 12 patients; troughs drawn just before each dose and a 36-hour washout after the last; samples below the LLOQ of 0.1 mg/L are flagged.',
    modelFile: 'pk-1cmt-multiple-dose.json',
    truth: PK_ORAL_TRUTH,
    times: [0.5, 1, 2, 4, 8, 11.9, 23.9, 35.9, 47.9, 59.9, 61, 62, 64, 68, 72, 84, 96],
    n: 12,
    groups: [{ name: '100 mg oral every 12 h × 6', dose: 100 }],
    format: 'individual',
    nonmem: { lloq: 0.1 },
    seed: 60612,
  },
  {
    file: 'pk-oral-steady-state.csv',
    title: 'Oral drug twice daily at steady state (a dosing interval\'s profile with its troughs)',
    description: 'The default drug given as 100 mg every 12 h to steady state in 12 patients; one dosing interval sampled from the pre-dose trough to the next trough, 12 h later. The steady_state column says the dose at time 0 follows earlier ones, so the trough at 0 is not a drug-free sample.',
    context: 'Plasma concentration (mg/L) of an orally given drug at steady state on 100 mg twice daily, sampled over one dosing interval from the pre-dose trough, in 12 patients.',
    modelFile: 'pk-1cmt-oral.json',
    truth: PK_ORAL_TRUTH,
    times: [0, 0.5, 1, 2, 3, 4, 6, 8, 10, 12],
    n: 12,
    groups: [{ name: 'all', dose: 100 }],
    regimen: { route: 'oral', interval: 12, count: 1, steadyState: true },
    doseColumn: true,
    format: 'aggregate',
    seed: 2401,
  },
  {
    file: 'pk-oral-iv-bioavailability.csv',
    title: 'Absolute bioavailability: the same drug by mouth (100 mg) and intravenously (50 mg)',
    description: 'Two arms of 12 patients: 100 mg orally or a 50 mg IV bolus, sampled over 24 h. The model gives each arm its route\'s dose entry (F × dose into the gut, or the dose into the central compartment), so one fit estimates the bioavailability F with clearance and volume.',
    context: 'Plasma concentration (mg/L) after 100 mg orally or 50 mg as an intravenous bolus, 12 patients per arm, over 24 hours.',
    modelFile: 'pk-1cmt-oral-iv.json',
    truth: { ...PK_ORAL_TRUTH, theta: { ...PK_ORAL_TRUTH.theta, F: 0.6 } },
    times: PK_TIMES,
    n: 12,
    groups: [
      { name: 'oral', dose: 100, regimen: { route: 'oral' } },
      { name: 'iv', dose: 50, regimen: { route: 'iv' } },
    ],
    format: 'aggregate',
    seed: 6001,
  },
  {
    file: 'pk-weight-three-arms.csv',
    title: 'Oral drug in children, adolescents and adults (body weight per arm)',
    description: 'A fixed 100 mg oral dose in three arms of 12 patients whose mean body weights are 25, 50 and 85 kg: lighter patients reach higher concentrations because clearance and volume grow with body size. The arm\'s mean weight is in the WT column.',
    context: 'Plasma concentration (mg/L) after a single 100 mg oral dose at time 0 in three arms of 12 patients (children, adolescents, adults; mean body weight per arm in kg), sampled over 24 hours.',
    modelFile: 'pk-1cmt-oral-covariate.json',
    truth: {
      theta: { ka: 1.5, CL70: 4, V70: 35 },
      omega: { ka: 0.35, CL70: 0.3, V70: 0.2 },
      sigma: { proportional: 0.1 },
    },
    times: PK_TIMES,
    n: 12,
    groups: [{ name: 'children', dose: 100, covariates: { WT: 25 } }, { name: 'adolescents', dose: 100, covariates: { WT: 50 } }, { name: 'adults', dose: 100, covariates: { WT: 85 } }],
    format: 'aggregate',
    seed: 7085,
  },
];
