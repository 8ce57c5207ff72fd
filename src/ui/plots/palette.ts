// Okabe–Ito: distinguishable with the common colour-vision deficiencies.
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const;

export function colour(i: number): string {
  return OKABE_ITO[((i % OKABE_ITO.length) + OKABE_ITO.length) % OKABE_ITO.length]!;
}

export const INK = '#222222';
export const MUTED = '#6b6b6b';
