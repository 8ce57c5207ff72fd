// Validation and LaTeX for the editor, the gallery and the results (runs in the worker: the
// schema validator compiles code, which the page's CSP does not allow).
import { checkSpec, compileSpec } from '../../model/index.ts';
import type { SpecIssue } from '../../model/errors.ts';
import type { ModelSpec } from '../../model/spec.ts';
import type { CompiledView, ValidationResult } from './protocol.ts';

export function validateText(text: string): ValidationResult {
  const r = checkSpec(text);
  if (!r.model) return { ok: false, issues: r.issues };
  try {
    return { ok: true, model: view(r.model.spec) };
  } catch (e) {
    const issues = (e as { issues?: SpecIssue[] }).issues;
    return { ok: false, issues: issues ?? [{ code: 'compile', path: '', message: (e as Error).message }] };
  }
}

export function view(spec: ModelSpec): CompiledView {
  const c = compileSpec(spec);
  return { name: spec.name, spec: c.spec, latex: c.latex };
}
