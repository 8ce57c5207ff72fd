// File extension, MIME type and label of each export format.
import type { ExportFormat } from './types.ts';

export const FORMAT_FILES: Record<ExportFormat, { ext: string; mime: string; label: string }> = {
  sbml: { ext: '.xml', mime: 'application/sbml+xml', label: 'SBML' },
  nlmixr2: { ext: '.R', mime: 'text/plain', label: 'nlmixr2' },
  nonmem: { ext: '.ctl', mime: 'text/plain', label: 'NONMEM' },
  monolix: { ext: '.mlxtran', mime: 'text/plain', label: 'Monolix' },
  json: { ext: '.json', mime: 'application/json', label: 'JSON' },
};
