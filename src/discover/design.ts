// The study design the context describes versus what the data carry. Library motifs dose a single
// bolus (of the group's dose) at t = 0; when the context speaks of repeated doses or an infusion
// that the table does not describe, the report says plainly that the candidates assume a single
// dose, so their estimates do not describe that study (docs/discovery.md, "Study design").
const REPEATED_RE = /repeated|multiple[- ]dos|maintenance|loading dose|every\s+\d+(\.\d+)?\s*(h|hr|hours?|d|days?|weeks?)\b|\bq\s*\d+\s*h\b|once[- ]daily|twice[- ]daily|\bb\.?i\.?d\b|\bt\.?i\.?d\b|\bq\.?d\b|steady[- ]state|trough/i;
export const INFUSION_RE = /infusion|infused|\bdrip\b/i;

export function designNote(context = ''): string | undefined {
  if (REPEATED_RE.test(context)) {
    return 'The context describes repeated dosing, but the data carry no dosing regimen: every library candidate assumes a single dose at t = 0, so a model that fits the shape (e.g. a slow rise read as oral absorption) does not describe this study, and its estimates should not be reported.';
  }
  if (INFUSION_RE.test(context)) {
    return 'The context describes an infusion, but the data carry no infusion duration: the library candidates give the dose as a bolus at t = 0. For an infusion that is short against the sampling times this changes little; otherwise the early phase and the volumes are biased.';
  }
  return undefined;
}
