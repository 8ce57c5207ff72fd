// The host/kernel binary layouts come from one table each: the WGSL struct lists the table's
// fields in order, and what the host packs is what it reads back at the same offsets.
import { describe, expect, it } from 'vitest';
import { defineStruct, GROUP_STATS, layoutsWgsl, packStructs, readStruct, RUN, STOP, wgslStruct } from '../../src/simulate/webgpu/layouts.ts';

describe('GPU layouts declared once', () => {
  it('the WGSL struct has the table fields, in order, with their types', () => {
    const text = wgslStruct(RUN);
    const fields = [...text.matchAll(/^\s+(\w+): (u32|f32),/gm)].map((m) => `${m[1]}:${m[2]}`);
    expect(fields).toEqual(RUN.fields.map((f) => `${f.name}:${f.type}`));
    expect(layoutsWgsl()).toContain(wgslStruct(GROUP_STATS));
  });

  it('packs and reads back u32 and f32 fields at the same offsets', () => {
    const rows = [{ t: 1.5, kind: 3, arg: 0x20001, nsub: 7 }, { t: -0.25, kind: 0, arg: 4, nsub: 0 }];
    const bytes = packStructs(STOP, rows);
    expect(bytes.byteLength).toBe(2 * STOP.words * 4);
    const words = new Uint32Array(bytes.buffer);
    expect(readStruct(STOP, words, 1)).toEqual(rows[1]);
    expect(readStruct(STOP, words, 0)).toEqual(rows[0]);
    expect(words[STOP.words + STOP.word.arg]).toBe(4);
  });

  it('refuses a uniform struct that does not fill whole 16-byte rows', () => {
    expect(() => defineStruct('Odd', [{ name: 'a', type: 'u32', doc: '' }], 'uniform')).toThrow(/pad it to a multiple of 4/);
    expect(RUN.words % 4).toBe(0);
  });
});
