// Public API of the exchange stage: a fitted (or unfitted) model to SBML, nlmixr2, NONMEM,
// Monolix or JSON, and SBML back to a ModelSpec.
import { validateSpec } from '../model/index.ts';
import { toMonolix } from './monolix.ts';
import { toNlmixr2 } from './nlmixr2.ts';
import { toNonmem } from './nonmem.ts';
import { toSbml } from './sbml-export.ts';
import { EXPORT_FORMATS, type ExportFormat, type ExportInput } from './types.ts';

export { EXPORT_FORMATS, ExchangeError, type ExportFormat, type ExportInput } from './types.ts';
export { importSbml, type SbmlImportResult } from './sbml-import.ts';
export { toSbml, SBML_NS } from './sbml-export.ts';
export { FORMAT_FILES } from './formats.ts';

export function isExportFormat(s: string): s is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(s);
}

/** the model as a text in the format; throws ExchangeError for what the format cannot say, SpecError for an invalid spec */
export function exportModel(input: ExportInput, format: ExportFormat): string {
  const v = validateSpec(input.spec);
  switch (format) {
    case 'sbml': return toSbml(v, input);
    case 'nlmixr2': return toNlmixr2(v, input);
    case 'nonmem': return toNonmem(v, input);
    case 'monolix': return toMonolix(v, input);
    case 'json': return JSON.stringify(input.spec, null, 2) + '\n';
  }
}
