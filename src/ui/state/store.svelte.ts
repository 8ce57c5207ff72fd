// The app's state: the persisted Session plus what is transient (run progress, backend, notices).
// Every change to the session is saved to IndexedDB (debounced); errors never replace state.
import type { DataIssue } from '../../data/types.ts';
import type { DiscoveryProgress } from '../../discover/api.ts';
import { engine, onEngineCrash, proxy } from '../engine/client.ts';
import type { BackendInfo } from '../engine/protocol.ts';
import { clearAll, loadSession, saveSession, setAsideSession } from '../persist/db.ts';
import { checkSession } from '../persist/session-check.ts';
import { parseTable, type ParsedData } from './dataset.ts';
import { buildDiscoveryOptions } from './run-options.ts';
import { composeContext, emptySession, type BackendChoice, type Session, type StepId } from './session.ts';
import { exampleContexts, loadExampleData } from '../examples.ts';

export interface RunState {
  status: 'idle' | 'running' | 'cancelling';
  runId: string;
  startedAt: number;
  progress: DiscoveryProgress | null;
  /** per-stage first-seen time, for "time in stage" */
  stages: { stage: DiscoveryProgress['stage']; since: number }[];
  log: string[];
}

export class AppStore {
  session = $state<Session>(emptySession());
  ready = $state(false);
  saveStatus = $state<'saved' | 'saving' | 'failed'>('saving');
  backend = $state<BackendInfo | null>(null);
  backendError = $state<string | null>(null);
  run = $state<RunState>({ status: 'idle', runId: '', startedAt: 0, progress: null, stages: [], log: [] });
  /** the last error, shown in a banner; state is kept */
  error = $state<string | null>(null);
  /** short confirmation messages ("Imported 33 rows") */
  message = $state<string | null>(null);

  /** the table being edited */
  draft: ParsedData = $derived(parseTable(this.session.csvText, this.session.csvName, this.session.dosingCsv));
  /** the data a run uses: the last table that parsed cleanly */
  active: ParsedData = $derived(parseTable(this.session.activeCsv, this.session.activeName, this.session.activeDosing));

  /** the data the current report was computed from */
  reportData: ParsedData = $derived(parseTable(this.session.reportCsv, this.session.reportCsvName, this.session.reportDosing));

  get draftIssues(): DataIssue[] {
    return this.draft.ok ? [] : this.draft.issues;
  }

  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  /** the bundled examples' context sentences (loaded at start): an example's words leave with its table */
  private exampleWords: string[] = [];

  constructor() {
    // an error escaping the worker is shown; the session is untouched
    onEngineCrash((message) => {
      this.error = `The engine reported an error (${message}); your data and results are kept. If a run stops responding, press Cancel and try the CPU backend.`;
    });
  }

  async init(): Promise<void> {
    void exampleContexts().then((words) => (this.exampleWords = words));
    try {
      const saved = await loadSession();
      if (saved === undefined) await this.loadExample();
      else {
        // the same check as a session file: a damaged or hostile record is set aside, never applied
        let checked: Session | null = null;
        try {
          checked = checkSession(saved, 'the stored session');
        } catch (e) {
          await setAsideSession(saved).catch(() => undefined);
          this.error = `The session stored in this browser could not be used: ${(e as Error).message} It was set aside (kept in this browser's storage, not applied); starting from the example.`;
          await this.loadExample();
        }
        if (checked) this.useSession(checked);
      }
    } catch (e) {
      this.error = `Saved state could not be read (${(e as Error).message}); starting fresh.`;
      await this.loadExample();
    }
    this.ready = true;
    void this.refreshBackend();
  }

  /**
   * a stored or opened session becomes the open one; its context is recomposed from the fields, as
   * the Context step composes it (a session saved before a change to the composition runs on what
   * the fields now compose to)
   */
  useSession(s: Session): void {
    this.session = { ...s, context: composeContext(s.contextParts) };
  }

  async loadExample(): Promise<void> {
    const ex = await loadExampleData();
    if (!ex) return;
    this.session.dosingCsv = ex.dosing;
    this.setTable(ex.text, ex.name);
    if (!this.session.context && ex.context) {
      this.session.contextParts.notes = ex.context;
      this.session.context = composeContext(this.session.contextParts);
    }
  }

  /** called by an $effect whenever the session changes */
  scheduleSave(snapshot: Session): void {
    this.saveStatus = 'saving';
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      saveSession(snapshot).then(
        () => (this.saveStatus = 'saved'),
        (e: Error) => {
          this.saveStatus = 'failed';
          this.error = `Could not save to this browser's storage: ${e.message}`;
        },
      );
    }, 150);
  }

  go(step: StepId): void {
    this.session.step = step;
  }

  /** new table text (import, paste, edit): becomes active only when it parses cleanly */
  setTable(text: string, name: string): ParsedData {
    this.session.csvText = text;
    this.session.csvName = name;
    return this.activate();
  }

  /** the table and dosing table being edited become what runs use, when together they parse cleanly */
  private activate(): ParsedData {
    const parsed = parseTable(this.session.csvText, this.session.csvName, this.session.dosingCsv);
    if (parsed.ok) {
      this.session.activeCsv = this.session.csvText;
      this.session.activeName = this.session.csvName;
      this.session.activeDosing = this.session.dosingCsv;
    }
    return parsed;
  }

  /** a separate dosing table (import, paste, edit; '' removes it): active only when it applies cleanly */
  setDosing(text: string): ParsedData {
    this.session.dosingCsv = text;
    const parsed = this.activate();
    if (parsed.ok) {
      this.message = text.trim() ? `Dosing table applied: ${parsed.dataset.groups.filter((g) => g.regimen).length} group(s) with a schedule.` : 'Dosing table removed.';
      this.error = null;
    } else {
      this.message = null;
      this.error = `The dosing table has ${parsed.issues.length} problem(s), listed below. The last valid data and dosing (${this.session.activeName || 'none'}) are kept for runs.`;
    }
    return parsed;
  }

  /**
   * a new table (file, paste, example) is a new study: it comes with its own dosing table or none,
   * and with its own words (an example's sentence) or none — an example's words never describe the
   * user's table (they would name the example's route and family in the user's run); words the user
   * wrote are kept, with a note to check them
   */
  importText(text: string, name: string, dosing = '', context = ''): void {
    this.session.dosingCsv = dosing;
    const parsed = this.setTable(text, name);
    this.go('data');
    if (parsed.ok) {
      const d = parsed.dataset;
      const kept = this.contextWrittenByUser();
      if (!kept) {
        this.session.contextParts = { measured: '', disease: '', intervention: '', notes: context };
        this.session.context = composeContext(this.session.contextParts);
      }
      this.message = `Imported ${name || 'data'}: ${d.series.length} series, ${d.observables.length} observable(s), ${d.groups.length} group(s).`
        + (kept ? ' The context you wrote is kept: check that it describes this table (Context step).' : '');
      this.error = null;
    } else {
      this.message = null;
      this.error = `The imported table has ${parsed.issues.length} problem(s); the cells are marked below. The last valid data (${this.session.activeName || 'none'}) is kept for runs.`;
    }
  }

  /** the context fields hold words the user wrote (not empty, not an example's sentence alone) */
  private contextWrittenByUser(): boolean {
    const p = this.session.contextParts;
    if ([p.measured, p.disease, p.intervention].some((x) => x.trim() !== '')) return true;
    const notes = p.notes.trim();
    return notes !== '' && !this.exampleWords.includes(notes);
  }

  async refreshBackend(choice: BackendChoice = this.session.settings.backend): Promise<void> {
    try {
      this.backend = await engine().backendInfo(choice);
      this.backendError = null;
    } catch (e) {
      this.backendError = (e as Error).message;
    }
  }

  async runDiscovery(): Promise<void> {
    if (this.run.status !== 'idle') return;
    if (!this.active.ok) {
      this.error = 'There is no valid data to run on: fix the marked cells or import a table.';
      this.go('data');
      return;
    }
    const runId = `run-${Date.now()}`;
    const now = performance.now();
    this.run = { status: 'running', runId, startedAt: now, progress: null, stages: [], log: [] };
    this.error = null;
    try {
      const data = $state.snapshot(this.active.dataset) as typeof this.active.dataset;
      const options = buildDiscoveryOptions(this.session, data);
      const { report, backend } = await engine().discover(
        runId,
        data,
        options,
        this.session.settings.backend,
        proxy((p: DiscoveryProgress) => this.onProgress(p)),
        this.session.settings.llmModel || undefined,
      );
      this.backend = backend;
      this.session.report = report;
      this.session.reportCsv = this.session.activeCsv;
      this.session.reportCsvName = this.session.activeName;
      this.session.reportDosing = this.session.activeDosing;
      this.session.compare = [0, Math.min(1, report.models.length - 1)];
      this.message = `Discovery finished: ${report.models.length} ranked model(s) in ${report.timing.wallSeconds.toFixed(1)} s.`;
      this.go('results');
    } catch (e) {
      const msg = (e as Error).message ?? String(e);
      this.error = /abort|cancel/i.test(msg) ? 'Run cancelled; previous results are kept.' : `The run failed: ${msg}`;
    } finally {
      this.run.status = 'idle';
    }
  }

  private onProgress(p: DiscoveryProgress): void {
    this.run.progress = p;
    const last = this.run.stages.at(-1);
    if (!last || last.stage !== p.stage) this.run.stages.push({ stage: p.stage, since: performance.now() });
    if (this.run.log.at(-1) !== p.message) this.run.log.push(p.message);
    if (this.run.log.length > 200) this.run.log.splice(0, this.run.log.length - 200);
  }

  cancel(): void {
    if (this.run.status !== 'running') return;
    this.run.status = 'cancelling';
    void engine().cancel(this.run.runId);
  }

  async clearEverything(): Promise<void> {
    await clearAll();
    this.session = emptySession();
    this.message = 'All saved data was cleared.';
    this.error = null;
    await this.loadExample();
  }
}

export const store = new AppStore();
