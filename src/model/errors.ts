// One error type for everything wrong with a model spec, from JSON syntax to cycles.

export interface SpecIssue {
  /** stable machine-readable code, e.g. 'syntax', 'unknown-identifier', 'schema', 'limit' */
  code: string;
  /** a sentence for a human, naming the problem and, where it helps, a fix ("did you mean ka?") */
  message: string;
  /** JSON pointer into the spec, e.g. "/equations/central" ("" for the whole document) */
  path: string;
  /** character offset inside the expression string at `path`, when the issue is inside one */
  offset?: number;
  /** 1-based line and column in the spec's source text, when the source text is known */
  line?: number;
  column?: number;
}

export class SpecError extends Error {
  readonly issues: SpecIssue[];
  constructor(issues: SpecIssue[]) {
    super(issues.map((i) => `${i.path || '/'}: ${i.message}`).join('\n'));
    this.name = 'SpecError';
    this.issues = issues;
  }
  get first(): SpecIssue { return this.issues[0]!; }
}
