// Data labels → spec identifiers, and data units → spec units: the one rule (model/labels.ts).
import { describe, expect, it } from 'vitest';
import { findObservable, identifierBase, identifiersFor, IDENTIFIER_RE, reservedReason, specLabel, specUnit, validateSpec } from '../../src/model/index.ts';
import type { ModelSpec } from '../../src/model/spec.ts';

/** Labels as real spreadsheets have them. */
const CORPUS = [
  'CD4 count', 'Plasma concentration', 'IL-6 (pg/mL)', 'Conc. [ng/mL]', '% of normal', 'Température', '血药浓度',
  'Viral load, log10 copies/mL', '1st wave: % infected', 'Größe', 'Øre-kanal', 'ΔHbA1c', 'Тромбоциты', 'µg/L', 'exp', 't', 'dose',
  'model_output', 'Volume tumoral mesuré au pied à coulisse (longueur × largeur² / 2), moyenne des lésions cibles',
  'conc', 'Conc', 'CD4-count', 'CD4_count', '', '   ', '__proto__', 'constructor', 'a'.repeat(5000),
];

describe('identifiers for data labels', () => {
  it('gives every label a valid, unreserved, unique (ignoring case) identifier', () => {
    const ids = identifiersFor(CORPUS);
    expect(ids.size).toBe(CORPUS.length);
    const seen = new Set<string>();
    for (const [label, id] of ids) {
      expect(id, label).toMatch(IDENTIFIER_RE);
      expect(reservedReason(id, 'observable'), label).toBeNull();
      expect(seen.has(id.toLowerCase()), `${label} → ${id}`).toBe(false);
      seen.add(id.toLowerCase());
    }
  });

  it('transliterates where it can and keeps valid names as they are', () => {
    expect(identifierBase('CD4 count')).toBe('CD4_count');
    expect(identifierBase('IL-6 (pg/mL)')).toBe('IL_6_pg_mL');
    expect(identifierBase('Conc. [ng/mL]')).toBe('Conc_ng_mL');
    expect(identifierBase('% of normal')).toBe('pct_of_normal');
    expect(identifierBase('Température')).toBe('Temperature');
    expect(identifierBase('Größe')).toBe('Grosse');
    expect(identifierBase('µg/L')).toBe('ug_L');
    expect(identifierBase('Viral load, log10 copies/mL')).toBe('Viral_load_log10_copies_mL');
    expect(identifierBase('1st wave: % infected')).toBe('obs_1st_wave_pct_infected');
    // nothing to transliterate: a neutral name (the label stays the label)
    expect(identifierBase('血药浓度')).toBe('obs');
    expect(identifierBase('Тромбоциты')).toBe('obs');
    expect(identifiersFor(['conc', 'CD4_count', 'y']).get('conc')).toBe('conc');
    expect(identifiersFor(['CD4_count']).get('CD4_count')).toBe('CD4_count');
  });

  it('resolves collisions and reserved words deterministically, in the data order', () => {
    const a = identifiersFor(['Résultat', 'Resultat', 'résultat', 'CD4 count', 'CD4-count']);
    expect([...a.values()]).toEqual(['Resultat', 'Resultat_2', 'resultat_3', 'CD4_count', 'CD4_count_2']);
    expect(identifiersFor(['Resultat', 'Résultat']).get('Résultat')).toBe('Resultat_2');
    expect(identifiersFor(['exp', 't', 'dose', 'model_x', 'function']).get('exp')).toBe('exp_2');
    expect(identifiersFor(['t']).get('t')).toBe('t_2');
    expect(identifiersFor(['dose']).get('dose')).toBe('dose_2');
    // a reserved prefix stays reserved whatever the suffix
    expect(identifiersFor(['model_output']).get('model_output')).toBe('obs_model_output');
    expect(identifiersFor(['V'], { avoid: ['V', 'central'] }).get('V')).toBe('V_2');
    expect(identifiersFor(CORPUS)).toEqual(identifiersFor(CORPUS));
  });

  it('cuts long labels to 32 characters and keeps the suffix of a collision inside them', () => {
    const long = 'Volume tumoral mesuré au pied à coulisse (longueur × largeur² / 2)';
    const ids = identifiersFor([long, `${long}, autre`]);
    expect(ids.get(long)).toBe('Volume_tumoral_mesure_au_pied_a');
    expect(ids.get(`${long}, autre`)).toBe('Volume_tumoral_mesure_au_pied_2');
    for (const id of ids.values()) expect(id.length).toBeLessThanOrEqual(32);
  });

  it('every identifier can name an observable of a valid spec', () => {
    const ids = [...identifiersFor(CORPUS).values()].slice(0, 16);
    const spec: ModelSpec = {
      name: 'labels', states: [{ name: 'x', initial: '1' }],
      parameters: [{ name: 'k', prior: { type: 'lognormal', median: 1, gsd: 2 } }],
      equations: { x: '-k * x' },
      observables: ids.map((name, i) => ({ name, label: CORPUS[i] || 'empty', expression: 'x' })),
    };
    expect(() => validateSpec(spec)).not.toThrow();
  });
});

describe('units and labels in specs', () => {
  it('keeps short units, collapses whitespace and shortens long ones with an ellipsis', () => {
    expect(specUnit('mg/L')).toBe('mg/L');
    expect(specUnit('  copies /\tmL ')).toBe('copies / mL');
    const long = 'log10 copies per millilitre of plasma (RT-PCR; lower limit of quantification 20 copies)';
    expect(specUnit(long)).toBe('log10 copies per millilitre of plasma (…');
    expect(specUnit(long).length).toBe(40);
    // never half a surrogate pair
    const emoji = `${'x'.repeat(38)}😀😀`;
    expect(specUnit(emoji)).toBe(`${'x'.repeat(38)}…`);
    expect(specLabel('a'.repeat(5000)).length).toBe(200);
  });

  it('finds a data observable by label, name, identifier or case, in that order', () => {
    const obs = [{ name: 'CD4_count', label: 'CD4 count' }, { name: 'conc' }, { name: 'obs', label: '血药浓度' }];
    const ids = identifiersFor(['CD4 count', 'Conc', '血药浓度', 'IL 6']);
    expect(findObservable(obs, 'CD4 count', ids)).toBe(0);
    expect(findObservable(obs, '血药浓度', ids)).toBe(2);
    expect(findObservable(obs, 'conc', ids)).toBe(1);
    expect(findObservable(obs, 'Conc', ids)).toBe(1);
    expect(findObservable([{ name: 'IL_6' }], 'IL 6', ids)).toBe(0);
    expect(findObservable(obs, 'IL 6', ids)).toBe(-1);
    const long = 'b'.repeat(300);
    expect(findObservable([{ name: 'b', label: specLabel(long) }], long)).toBe(0);
    // two long labels that share their first 199 characters: the identifiers tell them apart
    const [l1, l2] = [`${long}1`, `${long}2`];
    const twoIds = identifiersFor([l1, l2]);
    const two = [l1, l2].map((l) => ({ name: twoIds.get(l)!, label: specLabel(l) }));
    expect(two[0]!.label).toBe(two[1]!.label);
    expect([l1, l2].map((l) => findObservable(two, l, twoIds))).toEqual([0, 1]);
  });
});
