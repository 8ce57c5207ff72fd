// Real-data check (npm run validate:real): runs `mechanist discover` exactly as a user would
// (library proposer, seed 1, one line of context) on every public data set with a published fit
// in ../shared/data/real/, on the real-like tables of test/fixtures/real-like/ and on the real
// tables of test/fixtures/real-r/, real-nlmixr2/, real-public/, real-gause/ and real-chi/, and prints,
// per data set: the top model, its weight, the verdict, key estimates next to the published ones,
// whether the published family ranks first, and whether the predicted cohort mean is physically
// possible. Results: docs/real-data.md (written by hand from this output; how each row came to be: docs/real-data-history.md) and, with --out, JSON.
//
//   node scripts/validate-real.mjs [--data-dir ../shared/data/real] [--budget-s 180] [--seed 1] [--only soybean,theophylline] [--out file.json]
// (--seed other than 1 checks how a ranking holds on other Monte-Carlo draws; the check is seed 1)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : fallback; };
const dataDir = resolve(root, opt('data-dir', '../shared/data/real'));
const budget = opt('budget-s', '180');
const seed = opt('seed', '1');
const only = opt('only', '')?.split(',').filter(Boolean) ?? [];
const out = opt('out', '');

/**
 * The published structure (family = a regular expression on library model names) and key
 * population values, quoted in each data set's README (`ref` = published value, `lo`/`hi` = a
 * published interval where one exists). `map` names our parameter for theirs; `ours` may list
 * alternatives as 'a|b' (the same quantity in two families' motifs: dp-linear's alpha, growth-linear's g).
 */
/** one of the ACOP 2016 single-dose sets (test/fixtures/real-nlmixr2/make-acop-single.py), as nlmixr2data names it; estimates [ours, theirs, reference] */
const acop = (set, context, structure, family, estimates) => ({
  name: `acop_${set.toLowerCase()}`, file: join(root, `test/fixtures/real-nlmixr2/acop-${set.toLowerCase().replace('_', '-')}/aggregate.csv`), context,
  published: `${structure} (simulated; nlmixr2data ${set}, Schoemaker et al. ACOP 2016)`, family,
  estimates: estimates.map(([ours, theirs, ref]) => ({ ours, theirs, ref })),
});
const [ORAL, BOLUS, INFUSION] = ['Single oral dose', 'Single IV bolus dose', 'IV infusion'].map((how) => `${how} in four dose groups, plasma concentration`);

/**
 * The shared PK tables, as `mechanist discover` is run, with no dosing flag: the table states no
 * doses, so discovery reads phenobarb/dosing.csv beside it (each infant's doses) as the cohort's
 * mean regimen (src/data/cohort-regimen.ts); the tables of mavoglurant and remifentanil state their
 * doses but no route, so their dosing.csv is read for it: mavoglurant's infusions (10 or 20 min)
 * are used, remifentanil's are left out with a warning (µg per subject against the data's µg/kg),
 * and each remifentanil group's infusion length is read from its label ("3ugkgmin_10min": 10 min;
 * its dose column is the total µg/kg) because the context says infusion
 * (src/discover/regimen-from-words.ts); volumes are per kg, and the published values are given per
 * kg of a 70-kg adult.
 */
const SHARED_PK = [
  { name: 'phenobarb', file: join(dataDir, 'phenobarb/aggregate.csv'), context: 'Phenobarbital serum concentration (mg/L) in neonates on repeated IV doses',
    published: 'one-compartment IV bolus, repeated doses (NLME)', family: /^pk-1cmt-iv( |$)/,
    estimates: [{ ours: 'CL', ref: 0.00614 }, { ours: 'V', ref: 1.409 }] },
  { name: 'mavoglurant', file: join(dataDir, 'mavoglurant/aggregate.csv'), context: 'Mavoglurant plasma concentration (ng/mL) after a 10-minute IV infusion of 25, 37.5 or 50 mg',
    published: 'whole-body PBPK, IV (structure only, estimates not verified)', family: /^pk-[23]cmt-iv/, estimates: [] },
  { name: 'remifentanil', file: join(dataDir, 'remifentanil/aggregate.csv'), context: 'Remifentanil arterial blood concentration (ng/mL) during and after an IV infusion',
    published: 'three-compartment mammillary, zero-order input (Minto 1997)', family: /^pk-3cmt-iv/,
    estimates: [{ ours: 'V', theirs: 'V1 (L/kg)', ref: 4.98 / 70 }, { ours: 'CL', theirs: 'Cl1 (L/kg/min)', ref: 2.46 / 70 }] },
];

/** the context of the FOCUS parent-only tables (C, L1–L4) */
const PARENT_RESIDUE = 'Degradation of a pesticide in aerobic soil: parent residue as % of applied radioactivity by day';

/**
 * Tables simulated from known models: one row per set, [id, structure, family regex, [[ours,
 * theirs, value], …]], and what names the case (name, file, context, published) from id and structure
 */
const simulatedCases = (rows, caseOf) => rows.map(([id, structure, family, estimates]) => ({
  ...caseOf(id, structure), family, estimates: estimates.map(([ours, theirs, ref]) => ({ ours, theirs, ref })),
}));

const CASES = [
  { name: 'theophylline', file: join(root, 'test/fixtures/real-like/theophylline-aggregate.csv'), context: 'Theophylline, single oral dose (mg), plasma concentration mg/L',
    published: 'one-compartment oral, first-order absorption (NLME on individual data)', family: /^pk-1cmt-oral( |$)/,
    estimates: [{ ours: 'ka', ref: 1.58 }, { ours: 'CL', ref: 2.75 }, { ours: 'V', ref: 31.6 }] },
  { name: 'warfarin-pca', file: join(root, 'test/fixtures/real-like/warfarin-pca.csv'), context: 'Prothrombin complex activity (% of normal) after a single oral dose of warfarin',
    published: 'turnover (indirect response, inhibition of synthesis)', family: /^pd-idr-/, estimates: [] },
  { name: 'warfarin-pkpd', file: join(root, 'test/fixtures/real-like/warfarin-pkpd.csv'), context: 'Warfarin plasma concentration (mg/L) and prothrombin complex activity (% of normal) after a single 100 mg oral dose',
    published: 'turnover (inhibition of synthesis) driven by one-compartment oral PK (simulated: CL 0.135, V 8)', family: /^pd-idr-1( |$)/,
    estimates: [{ ours: 'CL', theirs: 'CL (simulation)', ref: 0.135 }, { ours: 'V', theirs: 'V (simulation)', ref: 8 }] },
  { name: 'soybean', file: join(dataDir, 'soybean/aggregate.csv'), context: 'Soybean leaf weight per plant (g) over days after planting; 6 variety x year groups',
    published: 'logistic growth (NLME, Pinheiro & Bates 2000 §6.3)', family: /^growth-logistic( |$)/,
    estimates: [{ ours: 'K', theirs: 'Asym', ref: 19.3 }, { ours: 'r', theirs: '1/scal', ref: 1 / 8.4 }] },
  { name: 'lynx_hare', file: join(dataDir, 'lynx_hare/aggregate.csv'), context: 'Hudson Bay Company lynx and snowshoe hare pelts per year (predator-prey populations)',
    published: 'Lotka–Volterra (Stan case study)', family: /^predator-prey( |$)/,
    estimates: [{ ours: 'a', theirs: 'α', ref: 0.55 }, { ours: 'b', theirs: 'β', ref: 0.028 }, { ours: 'c', theirs: 'γ', ref: 0.80 }, { ours: 'd', theirs: 'δ', ref: 0.024 }] },
  { name: 'actg315_hiv', file: join(dataDir, 'actg315_hiv/aggregate.csv'), context: 'HIV-1 viral load (log10 copies/mL) and CD4 count after starting antiretroviral therapy',
    published: 'biphasic viral decay (linear two-state ODE), per patient', family: /^decay-biphasic( |$)/,
    estimates: [{ ours: 'delta', theirs: 'δ (median of patients)', ref: 0.482 }, { ours: 'gamma', theirs: 'γ (median of patients)', ref: 0.0391 }] },
  ...SHARED_PK,
  // the same three from their individual rows, as a user exporting a dataset would bring them:
  // aggregated locally (routine samples, a dense schedule kept at each subject's own times, two
  // repeated records; docs/data-format.md "Individual rows")
  ...SHARED_PK.map((c) => ({ ...c, name: `${c.name}_rows`, file: c.file.replace(/aggregate\.csv$/, 'individual.csv') })),
  // real tables from R's datasets package (test/fixtures/real-r/README.md): structure only
  { name: 'theoph_r', file: join(root, 'test/fixtures/real-r/theophylline.csv'), context: 'Theophylline, single oral dose (mg), plasma concentration mg/L',
    published: 'one-compartment oral, first-order absorption (P&B 2000, SSfol)', family: /^pk-1cmt-oral( |$)/, estimates: [] },
  // nlme's Tetracycline1/2: the drug assayed in IU/mL (a bioassay unit), no dose in the table
  { name: 'tetracycline1_r', file: join(root, 'test/fixtures/real-r/tetracycline1.csv'), context: 'Serum concentration of tetracycline (IU/mL) after an oral dose, two formulations',
    published: 'one-compartment oral, first-order absorption (structure of Wagner 1967; P&B 2000 data)', family: /^pk-1cmt-oral(-lag)?( |$)/, estimates: [] },
  { name: 'tetracycline2_r', file: join(root, 'test/fixtures/real-r/tetracycline2.csv'), context: 'Serum concentration of tetracycline (IU/mL) after an oral dose, two formulations',
    published: 'one-compartment oral, first-order absorption (structure of Wagner 1967; P&B 2000 data)', family: /^pk-1cmt-oral(-lag)?( |$)/, estimates: [] },
  { name: 'bod_r', file: join(root, 'test/fixtures/real-r/bod.csv'), context: 'Biochemical oxygen demand (mg/L) of a water sample versus incubation time (days)',
    published: 'first-order exertion A·(1 − e^(−k·t)) (R ?BOD; Bates & Watts 1988) = von Bertalanffy from 0', family: /^growth-von-bertalanffy( |$)/,
    estimates: [{ ours: 'Linf', theirs: 'A (ultimate demand)', ref: 19.143 }, { ours: 'k', theirs: 'k = exp(lrc)', ref: 0.531 }] },
  { name: 'uspop_r', file: join(root, 'test/fixtures/real-r/uspop.csv'), context: 'United States population (millions) at each census, 1790 to 1910',
    published: 'logistic (Pearl & Reed 1920, censuses 1790–1910)', family: /^growth-logistic( |$)/,
    estimates: [{ ours: 'K', theirs: 'K (millions)', ref: 197.27 }, { ours: 'r', theirs: 'r (per year)', ref: 0.03134 }] },
  { name: 'wtloss_r', file: join(root, 'test/fixtures/real-r/wtloss.csv'), context: 'Weight (kg) of an obese patient during a weight-reduction programme, by day',
    published: 'negative exponential to an asymptote b0 + b1·2^(−t/θ) (MASS; Venables & Ripley 2002) = von Bertalanffy from above', family: /^(growth-von-bertalanffy|dp-turnover)( |$)/,
    estimates: [{ ours: 'Linf', theirs: 'b0 (asymptotic weight)', ref: 81.374 }, { ours: 'k', theirs: 'ln 2/θ (θ 141.91 days)', ref: 0.0048844 }] },
  // saemix's cows (test/fixtures/real-saemix/README.md): 560 cows weighed from birth to 1980 days
  { name: 'cow_saemix', file: join(root, 'test/fixtures/real-saemix/cow.csv'), context: 'Body weight (kg) of 560 cows by age (days since birth)',
    published: 'exponential (monomolecular) growth A·(1 − B·e^(−k·t)) (saemix; Pinheiro & Bates 2000, A.19) = von Bertalanffy; estimates: least squares on the pooled records', family: /^growth-von-bertalanffy( |$)/,
    estimates: [{ ours: 'Linf', theirs: 'A', ref: 754.7 }, { ours: 'k', theirs: 'k', ref: 0.001636 }] },
  { name: 'cefamandole_r', file: join(root, 'test/fixtures/real-r/cefamandole.csv'), context: 'Cefamandole plasma concentration (mcg/mL) in healthy volunteers after an intravenous dose of 15 mg/kg; time in minutes',
    published: 'biexponential, two-compartment IV (nlme: SSbiexp; Davidian & Giltinan 1995)', family: /^pk-2cmt-iv( |$)/, estimates: [] },
  { name: 'indometh_r', file: join(root, 'test/fixtures/real-r/indometh.csv'), context: 'Indometacin plasma concentration (mcg/mL) after a single IV bolus of 25 mg',
    published: 'biexponential, two-compartment IV (P&B 2000, SSbiexp)', family: /^pk-2cmt-iv( |$)/, estimates: [] },
  { name: 'loblolly_r', file: join(root, 'test/fixtures/real-r/loblolly.csv'), context: 'Loblolly pine tree height (ft) over age in years',
    published: 'asymptotic regression (P&B 2000, SSasymp; monomolecular = von Bertalanffy, from size 0 at age t0); estimates: least squares on the pooled records (R nls, SSasymp)', family: /^(growth-von-bertalanffy|dp-turnover)( |$)/,
    estimates: [{ ours: 'Linf', theirs: 'Asym', ref: 102.26 }, { ours: 'k', theirs: 'exp(lrc)', ref: 0.0389 }, { ours: 't0', theirs: 'age at height 0', ref: 2.06 }] },
  { name: 'sitka_mass', file: join(root, 'test/fixtures/real-r/sitka.csv'), context: 'Sitka spruce growth in 1988: log size (height times diameter squared) of 79 trees, 54 in ozone-enriched chambers and 25 controls, by day of the year',
    published: 'monomolecular growth in log size, A + B·(1 − e^(−(t − 100)/C)), A and B moved by ozone (Venables & Ripley 2002 §10.3; MASS ch10.R) = von Bertalanffy', family: /^growth-von-bertalanffy( |$)/, estimates: [] },
  { name: 'orange_r', file: join(root, 'test/fixtures/real-r/orange.csv'), context: 'Orange tree trunk circumference (mm) over age in days',
    published: 'logistic growth (P&B 2000, SSlogis)', family: /^growth-logistic( |$)/, estimates: [] },
  { name: 'orthodont_r', file: join(root, 'test/fixtures/real-r/orthodont.csv'), context: 'Orthodontic distance (mm) from the pituitary to the pterygomaxillary fissure in boys and girls, measured at ages 8 to 14 years',
    published: 'linear growth, random intercept and slope per child (P&B 2000, lme(distance ~ age))', family: /^(dp|growth)-linear( |$)/,
    estimates: [{ ours: 'alpha|g', theirs: 'slope (mm per year)', ref: 0.660 }] },
  { name: 'bodyweight_r', file: join(root, 'test/fixtures/real-r/bodyweight.csv'), context: 'Body weight (g) of rats on three diets, weighed weekly over 64 days',
    published: 'linear growth with a level and slope per diet, random intercept and slope per rat (P&B 2000, lme(weight ~ Time * Diet))', family: /^(dp|growth)-linear( |$)/, estimates: [] },
  { name: 'oxboys_r', file: join(root, 'test/fixtures/real-r/oxboys.csv'), context: 'Height (cm) of boys from Oxford measured on nine occasions between ages 11 and 13, time in years since the first',
    published: 'linear growth, random intercept and slope per boy (P&B 2000, lme(height ~ age))', family: /^(dp|growth)-linear( |$)/,
    estimates: [{ ours: 'alpha|g', theirs: 'slope (cm per year)', ref: 6.52 }] },
  // real warfarin from nlmixr2data (test/fixtures/real-nlmixr2/README.md), each table with the
  // per-subject dosing.csv beside it, read as the cohort-mean regimen: structure only
  { name: 'warfarin_real', file: join(root, 'test/fixtures/real-nlmixr2/warfarin/aggregate.csv'), context: 'Warfarin plasma concentration (mg/L) and prothrombin complex activity (% of normal) after a single oral dose of 1.5 mg/kg',
    published: 'turnover, inhibition of PCA synthesis (Emax ≤ 1), driven by one-compartment oral PK (nlmixr2; Holford)', family: /^pd-idr-1( |$)/, estimates: [] },
  { name: 'warfarin_real_pca', file: join(root, 'test/fixtures/real-nlmixr2/warfarin-pca/aggregate.csv'), context: 'Prothrombin complex activity (% of normal) after a single oral dose of warfarin',
    published: 'turnover, inhibition of PCA synthesis (nlmixr2; Holford)', family: /^pd-idr-1( |$)/, estimates: [] },
  { name: 'warfarin_real_pk', file: join(root, 'test/fixtures/real-nlmixr2/warfarin-pk/aggregate.csv'), context: 'Warfarin plasma concentration (mg/L) after a single oral dose of 1.5 mg/kg',
    published: 'one-compartment oral, delayed first-order absorption (lag or transit; Holford; nlmixr2)', family: /^pk-1cmt-oral/, estimates: [] },
  // nlmixr2data's theo_md as nlmixr2 fits it: a NONMEM-style table with rxode2's EVID 101 and
  // amounts weighed per subject; day 1 real (Theoph), day 7 simulated after once-daily doses
  { name: 'theo_md', file: join(root, 'test/fixtures/real-nlmixr2/theo-md/nonmem.csv'), context: 'Theophylline plasma concentration (mg/L) on repeated oral doses every 24 h',
    published: 'one-compartment oral, first-order absorption (nlmixr2data theo_md: day 1 of Theoph, day 7 simulated)', family: /^pk-1cmt-oral( |$)/, estimates: [] },
  // two of nlmixr2data's real sets as they ship (NONMEM-style, test/fixtures/real-nlmixr2/as-shipped/):
  // warfarin with a DVID of text, no CMT and doses by body weight; phenobarbital with every infant
  // on its own doses (the shared phenobarb's source)
  { name: 'warfarin_shipped', file: join(root, 'test/fixtures/real-nlmixr2/as-shipped/warfarin.csv'), context: 'Warfarin plasma concentration (mg/L) and prothrombin complex activity (% of normal) after a single oral dose',
    published: 'turnover, inhibition of PCA synthesis (Emax ≤ 1), driven by one-compartment oral PK (nlmixr2; Holford)', family: /^pd-idr-1( |$)/, estimates: [] },
  { name: 'pheno_sd_shipped', file: join(root, 'test/fixtures/real-nlmixr2/as-shipped/pheno_sd.csv'), context: 'Phenobarbital serum concentration (mg/L) in neonates on repeated IV doses',
    published: 'one-compartment IV bolus, repeated doses (NLME)', family: /^pk-1cmt-iv( |$)/,
    estimates: [{ ours: 'CL', ref: 0.00614 }, { ours: 'V', ref: 1.409 }] },
  // R's Theoph as nlmixr2 ships it (theo_sd: EVID 101 doses to the depot, every subject at times of its own)
  { name: 'theo_sd_shipped', file: join(root, 'test/fixtures/real-nlmixr2/as-shipped/theo_sd.csv'), context: 'Theophylline, single oral dose (mg), plasma concentration mg/L',
    published: 'one-compartment oral, first-order absorption (NLME on individual data)', family: /^pk-1cmt-oral( |$)/,
    estimates: [{ ours: 'ka', ref: 1.58 }, { ours: 'CL', ref: 2.75 }, { ours: 'V', ref: 31.6 }] },
  // simulated nlmixr2data sets with known structures (test/fixtures/real-nlmixr2/README.md); the
  // references are the medians of the simulated subjects' own parameters
  { name: 'acop_oral_2cpt', file: join(root, 'test/fixtures/real-nlmixr2/acop-oral-2cpt/aggregate.csv'), context: 'Single oral dose in four dose groups, plasma concentration',
    published: 'two-compartment oral, first-order absorption (simulated; nlmixr2data Oral_2CPT, Schoemaker et al. ACOP 2016)', family: /^pk-2cmt-oral( |$)/,
    estimates: [{ ours: 'ka', theirs: 'KA (median of subjects)', ref: 1.04 }, { ours: 'CL', theirs: 'CL', ref: 3.82 }, { ours: 'V', theirs: 'V1', ref: 69.68 }, { ours: 'Q', theirs: 'Q', ref: 3.98 }, { ours: 'V2', theirs: 'V2', ref: 48.04 }] },
  { name: 'acop_bolus_1cptmm', file: join(root, 'test/fixtures/real-nlmixr2/acop-bolus-1cptmm/aggregate.csv'), context: 'Single IV bolus dose in four dose groups, plasma concentration',
    published: 'one-compartment IV, Michaelis–Menten elimination (simulated; nlmixr2data Bolus_1CPTMM, Schoemaker et al. ACOP 2016)', family: /^pk-1cmt-iv-mm( |$)/,
    estimates: [{ ours: 'V', theirs: 'V (median of subjects)', ref: 64.51 }, { ours: 'Vmax', theirs: 'VM', ref: 996.3 }, { ours: 'Km', theirs: 'KM', ref: 242.8 }] },
  // the profile after the last once-daily dose at steady state (NONMEM SS 1), same design
  { name: 'acop_oral_1cpt_ss', file: join(root, 'test/fixtures/real-nlmixr2/acop-oral-1cpt-ss/aggregate.csv'), context: 'Oral doses once daily in four dose groups; plasma concentration after the last dose at steady state',
    published: 'one-compartment oral, first-order absorption, at steady state (simulated; nlmixr2data Oral_1CPT, multiple-dose part, Schoemaker et al. ACOP 2016)', family: /^pk-1cmt-oral( |$)/,
    estimates: [{ ours: 'ka', theirs: 'KA (median of subjects)', ref: 1.008 }, { ours: 'CL', theirs: 'CL', ref: 4.175 }, { ours: 'V', theirs: 'V', ref: 68.16 }] },
  { name: 'acop_bolus_1cpt_ss', file: join(root, 'test/fixtures/real-nlmixr2/acop-bolus-1cpt-ss/aggregate.csv'), context: 'IV bolus doses once daily in four dose groups; plasma concentration after the last dose at steady state',
    published: 'one-compartment IV, at steady state (simulated; nlmixr2data Bolus_1CPT, multiple-dose part, Schoemaker et al. ACOP 2016)', family: /^pk-1cmt-iv( |$)/,
    estimates: [{ ours: 'CL', theirs: 'CL (median of subjects)', ref: 3.965 }, { ours: 'V', theirs: 'V', ref: 66.24 }] },
  // the single-dose parts of nine more of them, in the shared layout (aggregate.csv with each
  // subject's dose in dosing.csv beside it, read for the route and the infusion length; made by
  // test/fixtures/real-nlmixr2/make-acop-single.py); the contexts name no infusion length
  acop('Bolus_2CPT', BOLUS, 'two-compartment IV', /^pk-2cmt-iv( |$)/, [['CL', 'CL (median of subjects)', 3.945], ['V', 'V1', 66.83], ['Q', 'Q', 4.06], ['V2', 'V2', 50.3]]),
  acop('Bolus_2CPTMM', BOLUS, 'two-compartment IV, Michaelis–Menten elimination', /^pk-2cmt-iv-mm( |$)/, [['V', 'V (median of subjects)', 73.25], ['Vmax', 'VM', 1012], ['Km', 'KM', 249.4], ['Q', 'Q', 3.96], ['V2', 'V2', 49.46]]),
  acop('Infusion_1CPT', INFUSION, 'one-compartment IV, 1-h infusion', /^pk-1cmt-iv( |$)/, [['CL', 'CL (median of subjects)', 4.21], ['V', 'V', 72.84]]),
  acop('Infusion_1CPTMM', INFUSION, 'one-compartment IV, 1-h infusion, Michaelis–Menten elimination', /^pk-1cmt-iv-mm( |$)/, [['V', 'V (median of subjects)', 69.62], ['Vmax', 'VM', 985.7], ['Km', 'KM', 254.3]]),
  acop('Infusion_2CPT', INFUSION, 'two-compartment IV, 1-h infusion', /^pk-2cmt-iv( |$)/, [['CL', 'CL (median of subjects)', 3.92], ['V', 'V', 67.8], ['Q', 'Q', 3.915], ['V2', 'V2', 51.71]]),
  acop('Infusion_2CPTMM', INFUSION, 'two-compartment IV, 1-h infusion, Michaelis–Menten elimination', /^pk-2cmt-iv-mm( |$)/, [['V', 'V (median of subjects)', 72.19], ['Vmax', 'VM', 1045], ['Km', 'KM', 258.7], ['Q', 'Q', 3.745], ['V2', 'V2', 52.58]]),
  acop('Oral_1CPT', ORAL, 'one-compartment oral, first-order absorption', /^pk-1cmt-oral( |$)/, [['ka', 'KA (median of subjects)', 1.008], ['CL', 'CL', 4.175], ['V', 'V', 68.16]]),
  acop('Oral_1CPTMM', ORAL, 'one-compartment oral, Michaelis–Menten elimination', /^pk-1cmt-oral-mm( |$)/, [['ka', 'KA (median of subjects)', 1.007], ['V', 'V', 71.97], ['Vmax', 'VM', 995.1], ['Km', 'KM', 240.7]]),
  acop('Oral_2CPTMM', ORAL, 'two-compartment oral, Michaelis–Menten elimination', /^pk-2cmt-oral-mm( |$)/, [['ka', 'KA (median of subjects)', 1.002], ['V', 'V1', 70.69], ['Vmax', 'VM', 971.1], ['Km', 'KM', 245.6], ['Q', 'Q', 4.015], ['V2', 'V2', 49.36]]),
  { name: 'wbcsim', file: join(root, 'test/fixtures/real-nlmixr2/wbcsim/aggregate.csv'), context: 'White blood cell count after a 3-hour paclitaxel infusion',
    published: 'myelosuppression, Friberg et al. 2002 (simulated; nlmixr2data wbcSim, a DDMoRe model)', family: /^pd-myelosuppression( |$)/, estimates: [] },
  // nlstools' O2K, one value per 20 s (test/fixtures/real-nlstools/README.md)
  { name: 'o2k_nlstools', file: join(root, 'test/fixtures/real-nlstools/o2k.csv'), context: 'Oxygen uptake (mL/min) during a 6-minute walk test of a patient with pulmonary disease; walking starts at 5.883 min, after a resting phase',
    published: 'rest level, then a first-order rise to a peak from 5.883 min (nlstools; Baty et al. 2015) = a turnover raised by a sustained change at a stated time', family: /^pd-turnover-step-stimulated( |$)/,
    estimates: [{ ours: 'R0', theirs: 'VO2rest', ref: 356.76 }, { ours: 'kout', theirs: '1/μ (μ 1.186 min)', ref: 0.8431 }] },
  // real historical series, one value per time (test/fixtures/real-public/README.md): structure only
  { name: 'influenza_school', file: join(root, 'test/fixtures/real-public/influenza-boarding-school.csv'), context: 'Influenza outbreak in a boarding school of 763 boys: number of boys confined to bed each day',
    published: 'SIR epidemic (Stan case study, Grinsztajn et al. 2021)', family: /^epi-sir( |$)/, estimates: [] },
  { name: 'influenza_baccam', file: join(root, 'test/fixtures/real-public/influenza-baccam.csv'), context: 'Influenza A viral titer (log10 TCID50/mL of nasal wash) in six volunteers experimentally infected with H1N1, by day after inoculation',
    published: 'target-cell-limited viral kinetics (Baccam et al. 2006)', family: /^viral-tcl/, estimates: [] },
  { name: 'yeast', file: join(root, 'test/fixtures/real-public/yeast-carlson.csv'), context: 'Growth of a yeast culture: amount of yeast per hour (Carlson 1913)',
    published: 'logistic growth (Pearl 1927)', family: /^growth-logistic( |$)/, estimates: [] },
  { name: 'soil_eco2', file: join(root, 'test/fixtures/real-public/soil-eco2.csv'), context: 'Cumulative CO2 evolved (mg C per g soil) from a laboratory soil incubation at 25 °C, time in days',
    // strict: the one-pool model (the special case) ranking first is counted as a miss
    published: 'two carbon pools with feedback, CO2 evolved = C(0) − C1 − C2 (Sierra & Müller 2014, SoilR; Stan case study "Soil Carbon Modeling")', family: /^mineral-two-pool( |$)/, estimates: [] },
  { name: 'dugongs', file: join(root, 'test/fixtures/real-public/dugongs.csv'), context: 'Body length (m) of 27 dugongs (sea cows) by age in years',
    published: 'monomolecular (asymptotic) growth α − β·γ^age (Ratkowsky 1983; BUGS Dugongs) = von Bertalanffy', family: /^growth-von-bertalanffy( |$)/,
    estimates: [{ ours: 'Linf', theirs: 'α (asymptotic length)', ref: 2.65 }, { ours: 'k', theirs: '−ln γ (γ 0.862)', ref: 0.148 }] },
  { name: 'eyam_plague', file: join(root, 'test/fixtures/real-public/eyam-plague.csv'), context: 'Plague in the village of Eyam, 1666: susceptible and infected villagers; time in months from 18 June',
    published: 'SIR epidemic, susceptibles and infected fitted together (Raggett 1982)', family: /^epi-sir( |$)/,
    estimates: [{ ours: 'beta', theirs: 'β·N (0.0178 × 261)', ref: 0.0178 * 261 }, { ours: 'gamma', theirs: 'α (removal rate)', ref: 2.73 }] },
  // epidemic curves of new cases per week (outbreaks package, MIT; test/fixtures/real-public/make-outbreaks.py): structure only
  { name: 'zika_yap', file: join(root, 'test/fixtures/real-public/zika-yap-2007.csv'), context: 'Zika outbreak on the Yap Main Islands, 2007: weekly reported cases, population 7391',
    published: 'vector-borne SEIR epidemic, under-reported cases (Funk et al. 2016)', family: /^epi-(sir|seir)( |$)/, estimates: [] },
  { name: 'dengue_yap', file: join(root, 'test/fixtures/real-public/dengue-yap-2011.csv'), context: 'Dengue outbreak on the Yap Main Islands, 2011: weekly new clinical cases, population 7391',
    published: 'vector-borne SEIR epidemic (Funk et al. 2016)', family: /^epi-(sir|seir)( |$)/, estimates: [] },
  { name: 'dengue_fais', file: join(root, 'test/fixtures/real-public/dengue-fais-2011.csv'), context: 'Dengue outbreak on the island of Fais, 2011: weekly new clinical cases, population 294',
    published: 'vector-borne SEIR epidemic (Funk et al. 2016)', family: /^epi-(sir|seir)( |$)/, estimates: [] },
  { name: 'zika_girardot', file: join(root, 'test/fixtures/real-public/zika-girardot-2015.csv'), context: 'Zika outbreak in Girardot, Colombia, 2015-2016: weekly new cases',
    published: 'SIR-type epidemic (Rojas et al. 2016)', family: /^epi-(sir|seir)( |$)/, estimates: [] },
  { name: 'zika_sanandres', file: join(root, 'test/fixtures/real-public/zika-sanandres-2015.csv'), context: 'Zika outbreak on San Andres island, Colombia, 2015-2016: weekly new cases',
    published: 'SIR-type epidemic (Rojas et al. 2016)', family: /^epi-(sir|seir)( |$)/, estimates: [] },
  { name: 'ebola_kikwit', file: join(root, 'test/fixtures/real-public/ebola-kikwit-1995.csv'), context: 'Ebola outbreak in Kikwit, 1995: weekly new cases by day of symptom onset',
    published: 'SEIR epidemic with a fall in transmission after interventions (Chowell et al. 2004)', family: /^epi-seir( |$)/, estimates: [] },
  // Gause's Paramecium competition, two monocultures beside a mixture (test/fixtures/real-gause/README.md): structure only
  { name: 'gause_paramecium', file: join(root, 'test/fixtures/real-gause/paramecium-competition.csv'), context: "Gause's Paramecium caudatum and Paramecium aurelia grown alone and in mixed culture: volume of each species per day",
    published: 'logistic growth alone, Lotka–Volterra competition in mixture (Gause 1934; gauseR)', family: /^competition( |$)/, estimates: [] },
  { name: 'gause_aurelia', file: join(root, 'test/fixtures/real-gause/aurelia-alone.csv'), context: 'Paramecium aurelia grown alone: volume per day (Gause 1934)',
    published: 'logistic growth (gauseR vignette: r 0.8, K 230 read off a regression)', family: /^growth-logistic( |$)/,
    estimates: [{ ours: 'r', theirs: 'r (regression)', ref: 0.8 }, { ours: 'K', theirs: 'K (regression)', ref: 230 }] },
  { name: 'gause_didinium', file: join(root, 'test/fixtures/real-gause/didinium-paramecium.csv'), context: "Gause's Didinium nasutum preying on Paramecium caudatum in one culture: individuals per day",
    published: 'Lotka–Volterra predator–prey (Gause 1934; gauseR lv_optim)', family: /^predator-prey( |$)/, estimates: [] },
  // growth curves with certified least-squares fits (test/fixtures/real-nist/README.md)
  { name: 'pasture_nist', file: join(root, 'test/fixtures/real-nist/pasture-yield.csv'), context: 'Pasture yield versus growing time (Ratkowsky 1983)',
    published: 'logistic (NIST StRD Ratkowsky2, certified)', family: /^growth-logistic( |$)/,
    estimates: [{ ours: 'K', theirs: 'b1', ref: 72.462 }, { ours: 'r', theirs: 'b3', ref: 0.067359 }] },
  { name: 'onion_nist', file: join(root, 'test/fixtures/real-nist/onion-bulbs.csv'), context: 'Dry weight of onion bulbs and tops versus growing time (Ratkowsky 1983)',
    published: 'Richards, shape exponent 1.28 ± 0.69 (NIST StRD Ratkowsky3, certified)', family: /^growth-richards( |$)/,
    estimates: [{ ours: 'K', theirs: 'b1', ref: 699.64 }, { ours: 'r', theirs: 'b3', ref: 0.75963 }, { ours: 'nu', theirs: 'b4', ref: 1.2792 }] },
  { name: 'boxbod_nist', file: join(root, 'test/fixtures/real-nist/boxbod.csv'), context: 'Biochemical oxygen demand (mg/L) of a water sample by incubation day (Box, Hunter & Hunter 1978)',
    published: 'first-order exertion from 0, b1·(1 − e^(−b2·t)) (NIST StRD BoxBOD, certified) = von Bertalanffy from 0', family: /^growth-von-bertalanffy( |$)/,
    estimates: [{ ours: 'Linf', theirs: 'b1', ref: 213.81 }, { ours: 'k', theirs: 'b2', ref: 0.54724 }] },
  // Bates & Watts (1988), real single series from the R package NRAIA (test/fixtures/real-nraia/README.md)
  { name: 'rumford_nraia', file: join(root, 'test/fixtures/real-nraia/rumford.csv'), context: 'Temperature (°F) of a brass cannon cooling after boring (Count Rumford, 1798); time in minutes',
    published: 'Newton\'s law of cooling, 60 + 70·e^(−θ·t) (Bates & Watts 1988, A1.2; ambient 60 °F and start 130 °F fixed there)', family: /^heat-newton-cooling( |$)/, estimates: [] },
  { name: 'tetracycline_nraia', file: join(root, 'test/fixtures/real-nraia/tetracycline.csv'), context: 'Tetracycline hydrochloride serum concentration (ug/mL) in one subject after an oral dose; time in hours',
    published: 'one-compartment oral, first-order absorption, with and without dead time (Bates & Watts 1988 §5.1; Wagner 1967)', family: /^pk-1cmt-oral(-lag)?( |$)/, estimates: [] },
  { name: 'sulfisoxazole_nraia', file: join(root, 'test/fixtures/real-nraia/sulfisoxazole.csv'), context: 'Sulfisoxazole plasma concentration (ug/mL) in one subject after an intravenous dose; time in hours',
    published: 'two-compartment IV, a sum of two exponentials (Bates & Watts 1988, A1.5; Kaplan et al. 1972)', family: /^pk-2cmt-iv( |$)/, estimates: [] },
  { name: 'lipoproteins_nraia', file: join(root, 'test/fixtures/real-nraia/lipoproteins.csv'), context: 'Lipoprotein tracer remaining in plasma (% of injected dose) after an intravenous injection; time in hours',
    published: 'three compartments, a sum of three exponentials (Bates & Watts 1988 §5.5; Anderson 1983)', family: /^pk-3cmt-iv( |$)/, estimates: [] },
  { name: 'chloride_nraia', file: join(root, 'test/fixtures/real-nraia/chloride.csv'), context: 'Chloride ion concentration (%) in blood cells suspended in a salt solution; time in minutes',
    published: 'asymptotic regression (Bates & Watts 1988 §3.8; Sredni 1970) = von Bertalanffy from below', family: /^(growth-von-bertalanffy|dp-turnover)( |$)/, estimates: [] },
  { name: 'pinene_nraia', file: join(root, 'test/fixtures/real-nraia/pinene.csv'), context: 'Thermal isomerization of alpha-pinene at 189.5 °C: composition (%) of alpha-pinene and four by-products over time (minutes)',
    // the network through allo-ocimene, the route the curves give (scales.ts): the published one
    // also forms pyronene from allo-ocimene, and the dimer reversibly (the library has no reverse step)
    published: 'first-order reaction network: α-pinene → dipentene, α-pinene → allo-ocimene → pyronene, allo-ocimene ⇌ dimer (Box et al. 1973; Bates & Watts 1988 §4.5)', family: /^deg-sfo-pathway( |$)/,
    estimates: [{ ours: 'k_a_pin_dipen', theirs: 'α-pinene → dipentene (B&W table 4.6)', ref: 5.94e-5 }, { ours: 'k_a_pin_alloo', theirs: 'α-pinene → allo-ocimene', ref: 2.86e-5 }, { ours: 'k_alloo_dimer', theirs: 'allo-ocimene → dimer (reverse 5.79e-5)', ref: 31.12e-5 }] },
  // nlsMicrobio's curves (test/fixtures/real-microbio): the model each help-page example fits;
  // estimates from R's nls with the package's formulas (README there)
  { name: 'growthcurve1_microbio', file: join(root, 'test/fixtures/real-microbio/growthcurve1.csv'), context: 'Bacterial growth curve: log10 of the bacterial density over time',
    published: 'Baranyi & Roberts (nlsMicrobio ?growthmodels, example 1: baranyi)', family: /^growth-baranyi( |$)/,
    estimates: [{ ours: 'LOG10Nmax', ref: 8.591 }, { ours: 'mumax', ref: 1.377 }, { ours: 'lag', ref: 3.371 }] },
  { name: 'growthcurve2_microbio', file: join(root, 'test/fixtures/real-microbio/growthcurve2.csv'), context: 'Bacterial growth curve: log10 of the bacterial density over time',
    published: 'Baranyi & Roberts without a stationary phase (nlsMicrobio example 2: baranyi_without_Nmax)', family: /^growth-baranyi( |$)/,
    estimates: [{ ours: 'mumax', ref: 0.5918 }, { ours: 'lag', ref: 3.425 }] },
  { name: 'growthcurve3_microbio', file: join(root, 'test/fixtures/real-microbio/growthcurve3.csv'), context: 'Bacterial growth curve: log10 of the bacterial density over time',
    published: 'Baranyi & Roberts without a lag (nlsMicrobio example 3: baranyi_without_lag)', family: /^growth-baranyi( |$)/,
    estimates: [{ ours: 'LOG10Nmax', ref: 4.998 }] },
  { name: 'growthcurve4_microbio', file: join(root, 'test/fixtures/real-microbio/growthcurve4.csv'), context: 'Bacterial growth curve: log10 of the bacterial density over time',
    published: 'Baranyi & Roberts (no help-page fit; nls with the package\'s baranyi formula)', family: /^growth-baranyi( |$)/,
    estimates: [{ ours: 'mumax', ref: 0.07813 }, { ours: 'lag', ref: 49.38 }] },
  { name: 'survivalcurve1_microbio', file: join(root, 'test/fixtures/real-microbio/survivalcurve1.csv'), context: 'Bacterial inactivation (survival curve): log10 of the surviving bacterial density over time',
    published: 'Geeraerd, shoulder and tail (nlsMicrobio ?survivalmodels, example 1: geeraerd)', family: /^inactivation-shoulder-tail( |$)/,
    estimates: [{ ours: 'kmax', ref: 1.364 }, { ours: 'Sl', ref: 4.759 }, { ours: 'LOG10Nres', ref: 0.9666 }] },
  { name: 'survivalcurve2_microbio', file: join(root, 'test/fixtures/real-microbio/survivalcurve2.csv'), context: 'Bacterial inactivation (survival curve): log10 of the surviving bacterial density over time',
    published: 'Geeraerd with a shoulder (nlsMicrobio example 2: geeraerd_without_Nres)', family: /^inactivation-shoulder( |$)/,
    estimates: [{ ours: 'kmax', ref: 1.206 }, { ours: 'Sl', ref: 11.21 }] },
  { name: 'survivalcurve3_microbio', file: join(root, 'test/fixtures/real-microbio/survivalcurve3.csv'), context: 'Bacterial inactivation (survival curve): log10 of the surviving bacterial density over time',
    published: 'Geeraerd with a tail (nlsMicrobio example 3: geeraerd_without_Sl)', family: /^inactivation-tail( |$)/,
    estimates: [{ ours: 'kmax', ref: 3.958 }, { ours: 'LOG10Nres', ref: 0.9456 }] },
  // two flora growing together: nlsMicrobio's jameson_baranyi (R's nls here, Wald 95% intervals)
  { name: 'competition1_microbio', file: join(root, 'test/fixtures/real-microbio/competition1.csv'), context: 'Two bacterial flora growing together in enrichment broth: log10 counts of E. coli O157:H7 and of the background flora of ground beef by hour',
    published: 'Jameson effect, each flora Baranyi–Roberts, both stop together (nlsMicrobio ?competitionmodels: jameson_baranyi; Vimont et al. 2006)', family: /^growth-jameson( |$)/,
    estimates: [{ ours: 'mumax_1', ref: 1.473, lo: 1.30, hi: 1.64 }, { ours: 'mumax_2', ref: 1.234, lo: 1.03, hi: 1.43 }, { ours: 'LOG10N0_2', ref: 3.567, lo: 3.10, hi: 4.04 }] },
  { name: 'competition2_microbio', file: join(root, 'test/fixtures/real-microbio/competition2.csv'), context: 'Two bacterial flora growing together in enrichment broth: log10 counts of E. coli O157:H7 and of the background flora of ground beef by hour',
    published: 'Jameson effect, each flora Baranyi–Roberts, both stop together (nlsMicrobio ?competitionmodels: jameson_baranyi; Vimont et al. 2006)', family: /^growth-jameson( |$)/,
    estimates: [{ ours: 'mumax_1', ref: 1.350, lo: 1.07, hi: 1.63 }, { ours: 'mumax_2', ref: 0.933, lo: 0.69, hi: 1.17 }, { ours: 'LOG10N0_2', ref: 3.975, lo: 3.18, hi: 4.77 }] },
  // degradation kinetics, FOCUS (2006) reference datasets from R's mkin (test/fixtures/focus-kinetics/README.md)
  { name: 'focus_c', file: join(root, 'test/fixtures/focus-kinetics/focus-c.csv'), context: PARENT_RESIDUE,
    published: 'FOMC, biphasic first-order multi-compartment (FOCUS 2006 software comparison)', family: /^deg-fomc( |$)/,
    estimates: [{ ours: 'M0', theirs: 'M0', ref: 85.87 }, { ours: 'alpha', theirs: 'α', ref: 1.05 }, { ours: 'beta', theirs: 'β', ref: 1.92 }] },
  // FOCUS datasets A and B (parent only): the software comparison's SFO fits (mkin's
  // FOCUS_2006_SFO_ref_A_to_F); FOMC and DFOP collapse onto SFO on A (α → ∞, k1 = k2), nearly on B
  { name: 'focus_a', file: join(root, 'test/fixtures/focus-kinetics/focus-a.csv'), context: PARENT_RESIDUE,
    published: 'SFO (FOCUS 2006 software comparison, dataset A)', family: /^deg-sfo( |$)/,
    estimates: [{ ours: 'M0', theirs: 'M0', ref: 109.15 }, { ours: 'k', theirs: 'k', ref: 0.0372 }] },
  { name: 'focus_b', file: join(root, 'test/fixtures/focus-kinetics/focus-b.csv'), context: PARENT_RESIDUE,
    published: 'SFO (FOCUS 2006 software comparison, dataset B; FOMC α 12.8, near SFO)', family: /^deg-sfo( |$)/,
    estimates: [{ ours: 'M0', theirs: 'M0', ref: 99.17 }, { ours: 'k', theirs: 'k', ref: 0.0782 }] },
  // FOCUS laboratory data L1–L4 (mkin's vignette FOCUS_L.rmd): the vignette's verdicts by the χ²
  // error level; estimates are least squares on the same data (mkin's default fit; scipy)
  { name: 'focus_l1', file: join(root, 'test/fixtures/focus-kinetics/focus-l1.csv'), context: PARENT_RESIDUE,
    published: 'SFO (FOCUS 2006 L1; mkin vignette: FOMC overparameterised)', family: /^deg-sfo( |$)/,
    estimates: [{ ours: 'M0', theirs: 'parent_0', ref: 92.47 }, { ours: 'k', theirs: 'k', ref: 0.0956 }] },
  { name: 'focus_l2', file: join(root, 'test/fixtures/focus-kinetics/focus-l2.csv'), context: PARENT_RESIDUE,
    published: 'DFOP, best by the χ² error level (FOCUS 2006 L2; mkin vignette; FOMC also far better than SFO)', family: /^deg-dfop( |$)/,
    estimates: [{ ours: 'M0', theirs: 'parent_0', ref: 93.95 }, { ours: 'k2', theirs: 'k2', ref: 0.337 }, { ours: 'g', theirs: 'g', ref: 0.402 }] },
  { name: 'focus_l3', file: join(root, 'test/fixtures/focus-kinetics/focus-l3.csv'), context: PARENT_RESIDUE,
    published: 'DFOP, best by the χ² error level (FOCUS 2006 L3; mkin vignette; FOMC 7%, SFO 21%)', family: /^deg-dfop( |$)/,
    estimates: [{ ours: 'M0', theirs: 'parent_0', ref: 97.75 }, { ours: 'k1', theirs: 'k1', ref: 0.516 }, { ours: 'k2', theirs: 'k2', ref: 0.0138 }, { ours: 'g', theirs: 'g', ref: 0.457 }] },
  { name: 'focus_l4', file: join(root, 'test/fixtures/focus-kinetics/focus-l4.csv'), context: PARENT_RESIDUE,
    published: 'SFO (FOCUS 2006 L4; mkin vignette: FOMC no real improvement)', family: /^deg-sfo( |$)/,
    estimates: [{ ours: 'M0', theirs: 'parent_0', ref: 96.44 }, { ours: 'k', theirs: 'k', ref: 0.0065 }] },
  // the NAFTA kinetics SOP's two examples: its rule picks the model for a conservative half-life (IORE is FOMC's curve for one parent)
  { name: 'nafta_b', file: join(root, 'test/fixtures/focus-kinetics/nafta-b.csv'), context: 'Degradation of a pesticide in aerobic soil: parent residue by day, two replicates (NAFTA kinetics SOP example)',
    published: 'IORE = FOMC for one parent, by the NAFTA SOP rule (US EPA 2015, Appendix B; mkin tests: representative half-life 8.57 from IORE, N 2.66)', family: /^deg-fomc( |$)/, estimates: [] },
  { name: 'nafta_d', file: join(root, 'test/fixtures/focus-kinetics/nafta-d.csv'), context: 'Degradation of a pesticide in aerobic soil: parent residue as % of applied radioactivity by day, two replicates (NAFTA kinetics SOP example)',
    published: 'DFOP by the NAFTA SOP rule (US EPA 2015, Appendix D; mkin tests: SFO rejected, representative half-life 841 from DFOP)', family: /^deg-dfop( |$)/,
    estimates: [{ ours: 'M0', theirs: 'parent_0', ref: 97.6 }, { ours: 'k1', theirs: 'k1', ref: 0.0424 }, { ours: 'k2', theirs: 'k2', ref: 0.000824 }, { ours: 'g', theirs: 'g', ref: 0.288 }] },
  { name: 'uba2014_river', file: join(root, 'test/fixtures/focus-kinetics/uba2014-river.csv'), context: 'Water-sediment study (river system) of a pesticide: parent in the water phase and in the sediment as % of applied radioactivity by day, two replicates',
    published: 'the parent moving between water and sediment and back, SFO in each (mkin\'s level P-II example for test_data_from_UBA_2014; Ranke 2014)', family: /^deg-water-sediment( |$)/, estimates: [] },
  { name: 'focus_f', file: join(root, 'test/fixtures/focus-kinetics/focus-f.csv'), context: 'Water-sediment study of a pesticide: parent in the water phase and in the sediment as % of applied radioactivity by day',
    published: 'the parent moving between water and sediment and back, SFO in each (FOCUS 2006 dataset F, the guidance\'s level P-II water-sediment model; structure only)', family: /^deg-water-sediment( |$)/, estimates: [] },
  { name: 'dmta_flaach', file: join(root, 'test/fixtures/focus-kinetics/dmta-flaach.csv'), context: 'Aerobic soil degradation of dimethenamid-P (Flaach soil, 20 °C): parent residue as % of applied radioactivity by day, three replicates',
    published: 'DFOP (mkin vignette 2022_dmta_parent, hierarchical fits over the EU assessment soils)', family: /^deg-dfop( |$)/, estimates: [] },
  { name: 'focus_d', file: join(root, 'test/fixtures/focus-kinetics/focus-d.csv'), context: 'Aerobic soil degradation of a pesticide (parent) and its metabolite m1, % of applied radioactivity by day, two replicates',
    published: 'SFO–SFO, parent to metabolite with formation fraction (mkin; Ranke 2014)', family: /^deg-sfo-sfo( |$)/,
    estimates: [{ ours: 'M0', theirs: 'parent_0', ref: 99.60 }, { ours: 'k_parent', theirs: 'k_parent', ref: 0.0987 }, { ours: 'k_metabolite', theirs: 'k_m1', ref: 0.0053 }, { ours: 'f', theirs: 'f_parent_to_m1', ref: 0.5145 }] },
  { name: 'mccall81_commerce', file: join(root, 'test/fixtures/focus-kinetics/mccall81-commerce.csv'), context: 'Aerobic soil metabolism of 2,4,5-T (T245) with its phenol and anisole, % of applied radioactivity by day (McCall et al. 1981)',
    published: 'SFO–SFO–SFO chain, T245 → phenol → anisole (mkin example; McCall et al. 1981)', family: /^deg-sfo-sfo-sfo( |$)/, estimates: [] },
  { name: 'focus_e', file: join(root, 'test/fixtures/focus-kinetics/focus-e.csv'), context: 'Degradation of a pesticide in aerobic soil: parent and metabolite m1 as % of applied radioactivity by day',
    // its parent is FOCUS C's (the FOMC reference set): mkin's SFO–SFO fit of it fails the
    // guidance's χ² criterion (error level 16.6% for the parent, above its rule of thumb of 15%: mkin's
    // test_FOCUS_chi2_error_level.R), where the guidance moves to a biphasic parent
    published: 'SFO–SFO (mkin tests and mkinerrmin example; χ² error level 15.4%, parent 16.6%, above the guidance\'s rule of thumb of 15%: a biphasic parent, DFOP–SFO, is the guidance\'s next step; estimates: least squares SFO–SFO on the same data, R nls)', family: /^deg-(sfo|dfop)-sfo( |$)/,
    estimates: [{ ours: 'M0', theirs: 'parent_0', ref: 84.74 }, { ours: 'k_parent', theirs: 'k_parent', ref: 0.352 }, { ours: 'k_metabolite', theirs: 'k_m1', ref: 0.0182 }, { ours: 'f', theirs: 'f_parent_to_m1', ref: 0.566 }] },
  // real imazamox soils of the EU assessment (mkin's experimental_data_for_UBA_2019, soils 1 and 2):
  // mkin's help page fits both with DFOP–SFO–SFO (structure only)
  { name: 'uba2019_soil1', file: join(root, 'test/fixtures/focus-kinetics/uba2019-soil1.csv'), context: 'Aerobic soil degradation of imazamox (parent) and its metabolites A1 and A2, % of applied radioactivity by day, two replicates',
    published: 'DFOP–SFO–SFO, parent → A1 → A2 (mkin\'s example for experimental_data_for_UBA_2019)', family: /^deg-dfop-sfo-sfo( |$)/, estimates: [] },
  { name: 'uba2019_soil2', file: join(root, 'test/fixtures/focus-kinetics/uba2019-soil2.csv'), context: 'Aerobic soil degradation of imazamox (parent) and its metabolites A1 and A2, % of applied radioactivity by day, two replicates',
    published: 'DFOP–SFO–SFO, parent → A1 → A2 (mkin\'s example for experimental_data_for_UBA_2019)', family: /^deg-dfop-sfo-sfo( |$)/, estimates: [] },
  { name: 'schaefer07', file: join(root, 'test/fixtures/focus-kinetics/schaefer07.csv'), context: 'Aerobic soil metabolism of a pesticide: parent and its metabolites A1, B1, C1 and A2 as % of applied radioactivity by day',
    published: 'SFO pathway: parent → A1, B1, C1 (no sink), A1 → A2 (KinGUI and ModelMaker, Schäfer et al. 2007)', family: /^deg-sfo-pathway( |$)/,
    // KinGUI's formation fractions times the source's rate give the rates formed
    estimates: [{ ours: 'k_parent_A1', theirs: '0.3803 × 0.0496', ref: 0.3803 * 0.0496 }, { ours: 'k_A1_A2', theirs: '0.4529 × 0.0139', ref: 0.4529 * 0.0139 }, { ours: 'k_B1_sink', theirs: 'k_B1', ref: 0.0175 }, { ours: 'k_C1_sink', theirs: 'k_C1', ref: 0.0638 }, { ours: 'k_A2_sink', theirs: 'k_A2', ref: 0.0245 }] },
  { name: 'd24_refsol', file: join(root, 'test/fixtures/focus-kinetics/d24-refsol.csv'), context: 'Aerobic soil degradation of 2,4-D and its metabolites DCP and DCA (% of applied radioactivity) by day',
    published: 'chain 2,4-D → DCP → DCA, the parent SFO or DFOP (mkin\'s example for the EU assessment data writes both, m_D24 and m_D24_2)', family: /^deg-(sfo|dfop)-sfo-sfo( |$)/, estimates: [] },
  { name: 'd24_site_e1', file: join(root, 'test/fixtures/focus-kinetics/d24-site-e1.csv'), context: 'Aerobic soil degradation of 2,4-D and its metabolites DCP and DCA (% of applied radioactivity) by day',
    published: 'chain 2,4-D → DCP → DCA, the parent SFO or DFOP (mkin\'s example for the EU assessment data writes both, m_D24 and m_D24_2)', family: /^deg-(sfo|dfop)-sfo-sfo( |$)/, estimates: [] },
  // mkin's synthetic UBA 2014 sets (Ranke 2014): simulated from known models, normal error of SD 3,
  // two replicates; M1 and M2 formed in turn (lin) or both from the parent (par, no sink)
  ...simulatedCases([['sfo_lin', 'SFO parent → M1 → M2', /^deg-sfo-sfo-sfo( |$)/, [['k_parent', 'k_parent', 0.7], ['f1', 'f_parent_to_M1', 0.8], ['k_first', 'k_M1', 0.3], ['f2', 'f_M1_to_M2', 0.7], ['k_second', 'k_M2', 0.02]]],
    ['dfop_lin', 'DFOP parent → M1 → M2', /^deg-dfop-sfo-sfo( |$)/, [['k1', 'k1', 0.2], ['k2', 'k2', 0.02], ['g', 'g', 0.5], ['f1', 'f_parent_to_M1', 0.5], ['k_first', 'k_M1', 0.3], ['f2', 'f_M1_to_M2', 0.7], ['k_second', 'k_M2', 0.02]]],
    ['sfo_par', 'SFO parent → M1 and M2 in parallel', /^deg-sfo-parallel( |$)/, [['k_parent_M1', '0.8 × k_parent', 0.16], ['k_parent_M2', '0.2 × k_parent', 0.04], ['k_M1_sink', 'k_M1', 0.01], ['k_M2_sink', 'k_M2', 0.02]]],
    ['dfop_par', 'DFOP parent → M1 and M2 in parallel', /^deg-dfop-parallel( |$)/, [['k1', 'k1', 0.3], ['k2', 'k2', 0.02], ['g', 'g', 0.7], ['k_M1_sink', 'k_M1', 0.04], ['k_M2_sink', 'k_M2', 0.01]]],
  ], (id, structure) => ({
    name: `uba2014_${id}`, file: join(root, `test/fixtures/focus-kinetics/uba2014-synthetic-${id.replace('_', '-')}.csv`),
    context: 'Aerobic soil degradation of a parent compound and its metabolites M1 and M2, % of applied radioactivity by day, two replicates',
    published: `${structure} (simulated; mkin's synthetic_data_for_UBA_2014, ${id.replace(/^[a-z]+/, (x) => x.toUpperCase())}_a: the generating model and its values)`,
  })),
  // mkin's ds_mixed (inst/dataset_generation/ds_mixed.R): 15 soils simulated from one model with
  // log-normal spreads between the soils (30% on the rates), two replicates each: the population values
  ...simulatedCases([['sfo', 'SFO', /^deg-sfo( |$)/, [['M0', 'parent_0', 100], ['k', 'k_parent', 0.03]]],
    ['fomc', 'FOMC', /^deg-fomc( |$)/, [['M0', 'parent_0', 100], ['alpha', 'alpha', 2], ['beta', 'beta', 8]]],
    ['dfop', 'DFOP', /^deg-dfop( |$)/, [['M0', 'parent_0', 100], ['k1', 'k1', 0.06], ['k2', 'k2', 0.015], ['g', 'g', 0.4]]],
    ['hs', 'HS (hockey-stick)', /^deg-hs( |$)/, [['M0', 'parent_0', 100], ['k1', 'k1', 0.08], ['k2', 'k2', 0.01], ['tb', 'tb', 15]]],
    ['dfop_sfo', 'DFOP–SFO, parent → m1', /^deg-dfop-sfo( |$)/, [['k1', 'k1', 0.1], ['k2', 'k2', 0.02], ['g', 'g', 0.5], ['f', 'f_parent_to_m1', 0.5], ['k_metabolite', 'k_m1', 0.007]]],
  ], (id, structure) => ({
    name: `ds_mixed_${id}`, file: join(root, `test/fixtures/focus-kinetics/ds-mixed-${id.replace('_', '-')}.csv`),
    context: id === 'dfop_sfo' ? 'Aerobic soil degradation of a pesticide (parent) and its metabolite m1 in 15 soils: % of applied radioactivity by day, two replicates per soil'
      : 'Aerobic soil degradation of a pesticide in 15 soils: parent residue as % of applied radioactivity by day, two replicates per soil',
    published: `${structure}, between-soil spreads (simulated; mkin's ds_${id}: the population values it was generated from)`,
  })),
  { name: 'lxf_erlotinib', file: join(root, 'test/fixtures/real-chi/lxf-erlotinib/aggregate.csv'), context: 'Tumour volume (cm^3) of patient-derived lung cancer xenografts in mice, untreated or given oral erlotinib daily at three dose levels',
    published: 'tumour growth inhibition: exponential–linear growth, kill ∝ drug level × size (Koch 2009; chi, Eigenmann 2016 data)', family: /^tgi-/, estimates: [] },
];

const fmt = (x) => (x === undefined || x === null || !Number.isFinite(x) ? '–' : Math.abs(x) >= 1e4 || Math.abs(x) < 1e-2 ? x.toExponential(2) : x.toPrecision(3));
const tmp = mkdtempSync(join(tmpdir(), 'mechanist-real-'));
const results = [];
for (const c of CASES) {
  if (only.length && !only.includes(c.name)) continue;
  if (!existsSync(c.file)) { process.stderr.write(`${c.name}: ${c.file} not found (skipped)\n`); continue; }
  const file = join(tmp, `${c.name}.json`);
  const started = Date.now();
  const run = spawnSync(process.execPath, [join(root, 'bin/mechanist.mjs'), 'discover', c.file, '--proposer', 'library', '--seed', seed, '--budget-s', budget, '--context', c.context, '--out', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (Date.now() - started) / 1000;
  if (run.status !== 0 || !existsSync(file)) {
    const msg = (run.stdout || run.stderr || '').split('\n').find((l) => l.trim()) ?? `exit ${run.status}`;
    results.push({ name: c.name, error: msg.slice(0, 300), seconds });
    process.stderr.write(`${c.name}: failed: ${msg}\n`);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const top = report.models[0];
  const rankOfFamily = report.models.findIndex((m) => c.family.test(m.name)) + 1;
  const minMean = Math.min(...top.predictive.series.flatMap((s) => s.mean.median));
  // the other outcome: the published family within Monte-Carlo error of the first, both shown and the verdict saying so
  const tied = /; (.+?) (?:is|are) within Monte-Carlo error of it/.exec(report.verdict?.message ?? '')?.[1]?.split(', ').map((n) => n.replace(/ \(another family\)$/, '')) ?? [];
  const r = {
    name: c.name, published: c.published, top: top.name, weight: top.weight, weightSE: top.weightSE, fits: report.verdict?.fits ?? true,
    verdict: report.verdict?.message, publishedFamilyRank: rankOfFamily || null, publishedFamilyTied: rankOfFamily !== 1 && tied.some((n) => c.family.test(n)), minPredictedMean: minMean,
    estimates: c.estimates.map((e) => ({ ...e, ours: e.ours, value: e.ours.split('|').map((n) => top.parameters[n]).find((v) => v !== undefined) })), seconds,
    ranking: report.models.slice(0, 5).map((m) => `${m.name} ${(100 * m.weight).toFixed(1)}%`),
  };
  results.push(r);
  process.stderr.write(`${c.name}: ${top.name} (${(100 * top.weight).toFixed(1)}%), published family at rank ${rankOfFamily || '—'}, ${seconds.toFixed(0)} s\n`);
}

const lines = [
  '| data set | published structure | top model (weight) | published family ranks | min predicted mean | key estimates: ours [5–95%] vs published |',
  '|---|---|---|---|---|---|',
];
for (const r of results) {
  if (r.error) { lines.push(`| ${r.name} | | error: ${r.error} | | | |`); continue; }
  const est = r.estimates.map((e) => `${e.theirs ?? e.ours} ${fmt(e.value?.median)} [${fmt(e.value?.q05)}–${fmt(e.value?.q95)}] vs ${fmt(e.ref)}`).join('; ') || '–';
  const top = r.fits ? `${r.top} (${(100 * r.weight).toFixed(1)}%)` : `no model fits (best: ${r.top})`;
  lines.push(`| ${r.name} | ${r.published} | ${top} | ${r.publishedFamilyRank ?? 'not ranked'} | ${fmt(r.minPredictedMean)} | ${est} |`);
}
const ok = results.filter((r) => !r.error);
const first = ok.filter((r) => r.publishedFamilyRank === 1).length;
const tiedCount = ok.filter((r) => r.publishedFamilyTied).length;
lines.push('', `Published family first on ${first} of ${results.length}; on ${tiedCount} more it is within Monte-Carlo error of the first and named in the verdict (${ok.filter((r) => r.publishedFamilyTied).map((r) => r.name).join(', ') || 'none'}).`);
process.stdout.write(lines.join('\n') + '\n');
if (out) writeFileSync(resolve(root, out), JSON.stringify({ budgetSeconds: Number(budget), seed: Number(seed), date: new Date().toISOString(), results }, null, 1) + '\n');
