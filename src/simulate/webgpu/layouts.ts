// Every binary layout shared by the TypeScript host and the WGSL kernels, declared once as a table
// of 4-byte fields: the WGSL struct text (spliced into the kernels by kernels.ts) and the host's
// packing and reading (ensemble-run.ts, stops.ts) are both generated from it, so the two sides
// cannot disagree on an offset. Status codes and stop kinds are emitted as WGSL constants too.
import { Status } from '../types.ts';

export type FieldType = 'u32' | 'f32';

export interface Field<N extends string = string> {
  readonly name: N;
  readonly type: FieldType;
  /** what it holds (becomes the WGSL comment) */
  readonly doc: string;
}

export interface StructLayout<N extends string = string> {
  readonly name: string;
  readonly fields: readonly Field<N>[];
  /** 4-byte words per struct (= its array stride: every field is a 4-byte scalar) */
  readonly words: number;
  /** word index of each field */
  readonly word: Readonly<Record<N, number>>;
}

/** A layout from its fields in order. A uniform struct must fill whole 16-byte rows (pad explicitly). */
export function defineStruct<N extends string>(name: string, fields: readonly Field<N>[], usage: 'uniform' | 'storage'): StructLayout<N> {
  if (usage === 'uniform' && fields.length % 4 !== 0) throw new Error(`uniform struct ${name} has ${fields.length} words; pad it to a multiple of 4`);
  const word = Object.fromEntries(fields.map((f, i) => [f.name, i])) as Record<N, number>;
  return { name, fields, words: fields.length, word };
}

/** The WGSL declaration of a layout. */
export function wgslStruct(layout: StructLayout): string {
  const width = Math.max(...layout.fields.map((f) => f.name.length + f.type.length + 3));
  const lines = layout.fields.map((f) => `  ${`${f.name}: ${f.type},`.padEnd(width)} // ${f.doc}`);
  return `struct ${layout.name} {\n${lines.join('\n')}\n};`;
}

/** Writes one struct's values at struct index `index` of `view` (little-endian, as WebGPU). */
export function packStruct<N extends string>(layout: StructLayout<N>, values: Readonly<Record<N, number>>, view: DataView, index = 0): void {
  const base = index * layout.words * 4;
  layout.fields.forEach((f, i) => {
    const v = values[f.name];
    if (f.type === 'f32') view.setFloat32(base + 4 * i, v, true);
    else view.setUint32(base + 4 * i, v >>> 0, true);
  });
}

/** A buffer holding `rows` (in order), ready for writeBuffer. */
export function packStructs<N extends string>(layout: StructLayout<N>, rows: readonly Readonly<Record<N, number>>[]): Uint8Array {
  const bytes = new Uint8Array(Math.max(rows.length, 1) * layout.words * 4);
  const view = new DataView(bytes.buffer);
  rows.forEach((r, i) => packStruct(layout, r, view, i));
  return bytes;
}

/** Reads struct `index` of a buffer of u32 words (f32 fields reinterpreted). */
export function readStruct<N extends string>(layout: StructLayout<N>, words: Uint32Array, index = 0): Record<N, number> {
  const out = {} as Record<N, number>;
  const f32 = new Float32Array(words.buffer, words.byteOffset, words.length);
  layout.fields.forEach((f, i) => {
    const at = index * layout.words + i;
    out[f.name] = f.type === 'f32' ? f32[at]! : words[at]!;
  });
  return out;
}

/** Per-chunk parameters of the simulation kernels (uniform, binding 0). */
export const RUN = defineStruct('Run', [
  { name: 'n', type: 'u32', doc: 'trajectories in this chunk' },
  { name: 'nev', type: 'u32', doc: 'entries in the stop list' },
  { name: 'n_times', type: 'u32', doc: 'output times' },
  { name: 'cov_stride', type: 'u32', doc: '0: one covariate row for all, else MODEL_NC' },
  { name: 'row_width', type: 'u32', doc: 'invocations per row of a 2-D dispatch' },
  { name: 'max_steps', type: 'u32', doc: 'adaptive: cap on accepted + rejected steps' },
  { name: 'detect_stiff', type: 'u32', doc: "method 'auto': stop explicit stepping when it turns stiff (rerun by Rosenbrock)" },
  { name: 'pad1', type: 'u32', doc: '(uniform rows are 16 bytes)' },
  { name: 't0', type: 'f32', doc: 'start time' },
  { name: 'h0', type: 'f32', doc: 'first step (the request\'s, or controller.ts f32FirstStep)' },
  { name: 'rtol', type: 'f32', doc: 'relative tolerance' },
  { name: 'atol', type: 'f32', doc: 'absolute tolerance' },
] as const, 'uniform');

/**
 * One stop: an output, a bolus, or a change of the infusions active from here on (clear, then add
 * each active one: no running sums, so no rounding residue). Sorted by time; at equal times
 * outputs come first (recorded before a bolus at the same time), then boluses, then infusions.
 */
export const STOP = defineStruct('Stop', [
  { name: 't', type: 'f32', doc: 'time' },
  { name: 'kind', type: 'u32', doc: 'STOP_OUTPUT, STOP_BOLUS, STOP_CLEAR_INFUSIONS or STOP_ADD_INFUSION' },
  { name: 'arg', type: 'u32', doc: 'output: output index; dose: state | dose expression << 16' },
  { name: 'nsub', type: 'u32', doc: 'fixed-step methods: steps from the previous stop to this one' },
] as const, 'storage');

export const STOP_KIND = { output: 0, bolus: 1, clearInfusions: 2, addInfusion: 3 } as const;

/** Per trajectory, written by the simulation kernels (binding 5). */
export const TRAJECTORY_INFO = defineStruct('TrajectoryInfo', [
  { name: 'code', type: 'u32', doc: 'status | min(rejected, 2^24 - 1) << 8' },
  { name: 'accepted', type: 'u32', doc: 'accepted steps' },
] as const, 'storage');

export const INFO_REJECTED_MAX = 0xffffff;
export const infoStatus = (code: number): number => code & 0xff;
export const infoRejected = (code: number): number => code >>> 8;

/** Per-chunk parameters of the moment reduction (uniform, binding 0). */
export const REDUCE = defineStruct('Reduce', [
  { name: 'n_groups', type: 'u32', doc: 'groups in this chunk' },
  { name: 'group_size', type: 'u32', doc: 'trajectories per group' },
  { name: 'n_times', type: 'u32', doc: 'output times' },
  { name: 'row_width', type: 'u32', doc: 'invocations per row of a 2-D dispatch' },
] as const, 'uniform');

/** Per group, written by the moment reduction: the counts behind MomentsResult.okCount and its StepStats. */
export const GROUP_STATS = defineStruct('GroupStats', [
  { name: 'ok_count', type: 'u32', doc: 'trajectories with status ok' },
  { name: 'accepted', type: 'u32', doc: 'accepted steps, all trajectories' },
  { name: 'rejected', type: 'u32', doc: 'rejected steps, all trajectories' },
  { name: 'max_steps', type: 'u32', doc: 'trajectories that failed with max-steps' },
  { name: 'non_finite', type: 'u32', doc: 'trajectories that failed with non-finite' },
  { name: 'underflow', type: 'u32', doc: 'trajectories that failed with step-underflow' },
] as const, 'storage');

/** The WGSL text of every shared layout plus the status and stop-kind constants. */
export function layoutsWgsl(): string {
  const consts = [
    ...Object.entries({ ST_OK: Status.ok, ST_MAX_STEPS: Status.maxSteps, ST_NON_FINITE: Status.nonFinite, ST_UNDERFLOW: Status.stepUnderflow }),
    ...Object.entries({ STOP_OUTPUT: STOP_KIND.output, STOP_BOLUS: STOP_KIND.bolus, STOP_CLEAR_INFUSIONS: STOP_KIND.clearInfusions, STOP_ADD_INFUSION: STOP_KIND.addInfusion }),
    ['INFO_REJECTED_MAX', INFO_REJECTED_MAX],
  ].map(([k, v]) => `const ${k}: u32 = ${v}u;`);
  return ['// Shared layouts (generated from src/simulate/webgpu/layouts.ts)', ...consts, ...[RUN, STOP, TRAJECTORY_INFO, REDUCE, GROUP_STATS].map(wgslStruct)].join('\n');
}
