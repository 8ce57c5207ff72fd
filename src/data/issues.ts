// Collects problems found in input data: errors and warnings, each capped so a
// 200k-row file of garbage gives a readable list, not a million lines.
import type { DataIssue } from './types.ts';

export const MAX_ISSUES = 50;

export class IssueCollector {
  readonly errors: DataIssue[] = [];
  readonly warnings: DataIssue[] = [];
  private droppedErrors = 0;
  private droppedWarnings = 0;

  error(issue: DataIssue): void {
    if (this.errors.length < MAX_ISSUES) this.errors.push(issue);
    else this.droppedErrors++;
  }

  warn(issue: DataIssue): void {
    if (this.warnings.length < MAX_ISSUES) this.warnings.push(issue);
    else this.droppedWarnings++;
  }

  get hasErrors(): boolean {
    return this.errors.length > 0;
  }

  /** Errors, with a final note when some were left out. */
  errorList(): DataIssue[] {
    return withOverflowNote(this.errors, this.droppedErrors, 'errors');
  }

  warningList(): DataIssue[] {
    return withOverflowNote(this.warnings, this.droppedWarnings, 'warnings');
  }
}

function withOverflowNote(list: DataIssue[], dropped: number, what: string): DataIssue[] {
  if (dropped === 0) return [...list];
  return [...list, { code: 'too-many-issues', message: `… and ${dropped} more ${what} not listed (fix the ones above first)` }];
}
