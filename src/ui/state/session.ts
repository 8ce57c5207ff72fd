// The whole user session as plain JSON: what IndexedDB stores, what a session file holds, and
// what a reload restores exactly.
import type { DiscoveryReport } from '../../discover/report.ts';

export type StepId = 'data' | 'context' | 'models' | 'run' | 'results' | 'explore';
export const STEPS: { id: StepId; label: string }[] = [
  { id: 'data', label: 'Data' },
  { id: 'context', label: 'Context' },
  { id: 'models', label: 'Models' },
  { id: 'run', label: 'Run' },
  { id: 'results', label: 'Results' },
  { id: 'explore', label: 'Explore' },
];

export type BackendChoice = 'auto' | 'webgpu' | 'cpu';

export interface RunSettings {
  backend: BackendChoice;
  proposer: 'library' | 'webllm';
  seed: number;
  budgetSeconds: number;
  rounds: number;
  /** comma-separated forecast times beyond the last visit */
  predictTimes: string;
  /** optional SMC sizes (0 = the engine's default) */
  particles: number;
  subjects: number;
  /** WebLLM model id ('' = the default for this GPU) */
  llmModel: string;
}

export interface ContextParts { measured: string; disease: string; intervention: string; notes: string }

export function composeContext(p: ContextParts): string {
  return [
    p.measured && `Measured: ${p.measured}.`,
    // (a label that names no model family: "Disease/condition:" named the disease family whatever the field said)
    p.disease && `Condition: ${p.disease}.`,
    p.intervention && `Intervention: ${p.intervention}.`,
    p.notes,
  ]
    .filter(Boolean)
    .join(' ');
}

export interface UserSpec { id: string; text: string; include: boolean }

export interface Session {
  version: 1;
  /** the table as the user sees and edits it (may be invalid) */
  csvText: string;
  csvName: string;
  /** the last table that parsed cleanly: what a run uses */
  activeCsv: string;
  activeName: string;
  /** a separate dosing table (group, time, amount, route, duration) as edited; '' when none */
  dosingCsv: string;
  /** the dosing table that goes with activeCsv (the last pair that parsed cleanly) */
  activeDosing: string;
  /** composed from contextParts; what the proposers read */
  context: string;
  contextParts: ContextParts;
  userSpecs: UserSpec[];
  settings: RunSettings;
  report: DiscoveryReport | null;
  /** the table the report was computed from (observed values in the result plots) */
  reportCsv: string;
  reportCsvName: string;
  /** the dosing table the report was computed with */
  reportDosing: string;
  /** indices into report.models shown side by side */
  compare: [number, number];
  step: StepId;
}

export const DEFAULT_SETTINGS: RunSettings = {
  backend: 'auto',
  proposer: 'library',
  seed: 1,
  // the discovery stage's quick preset: ranked models within about a minute on a laptop CPU
  budgetSeconds: 50,
  rounds: 2,
  predictTimes: '',
  particles: 256,
  subjects: 128,
  llmModel: '',
};

export function emptySession(): Session {
  return {
    version: 1,
    csvText: '',
    csvName: '',
    activeCsv: '',
    activeName: '',
    dosingCsv: '',
    activeDosing: '',
    context: '',
    contextParts: { measured: '', disease: '', intervention: '', notes: '' },
    userSpecs: [],
    settings: { ...DEFAULT_SETTINGS },
    report: null,
    reportCsv: '',
    reportCsvName: '',
    reportDosing: '',
    compare: [0, 1],
    step: 'data',
  };
}
