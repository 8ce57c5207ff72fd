// "Export report": gathers the LaTeX of the detailed models, builds the HTML, downloads it.
import { summarizeDataset } from '../../data/index.ts';
import type { CompiledView } from '../engine/protocol.ts';
import { describeModel } from '../state/describe.svelte.ts';
import { store } from '../state/store.svelte.ts';
import { download } from '../components/files.ts';
import { fileSafe } from './svg-png.ts';
import { reportHtml } from './report-html.ts';
import { APP_VERSION } from '../version.ts';

export async function buildReportHtml(): Promise<string> {
  const report = $state.snapshot(store.session.report);
  if (!report) throw new Error('there are no results to report yet');
  const data = store.reportData.ok ? store.reportData.dataset : null;
  const views: Record<string, CompiledView | null> = {};
  for (const m of report.models.slice(0, 3)) views[m.name] = await describeModel(m.spec).promise;
  return reportHtml({
    report,
    data,
    dataName: store.session.reportCsvName || report.dataset.name || 'data',
    dataSummary: data ? summarizeDataset(data) : 'The data of this run is not available.',
    context: store.session.context,
    settings: $state.snapshot(store.session.settings),
    appVersion: APP_VERSION,
    views,
  });
}

export async function exportReport(): Promise<void> {
  const html = await buildReportHtml();
  download(`mechanist-report-${fileSafe(store.session.reportCsvName || 'data')}.html`, html, 'text/html');
}
