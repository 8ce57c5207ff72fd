// Number literals for generated code, printed from validated finite f64 values only.

const F32_MAX = 3.4028234663852886e38;
const F32_MIN_NORMAL = 1.1754943508222875e-38;

function checkFinite(value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`codegen: non-finite number literal ${String(value)}`);
  }
}

/** JS literal with full f64 precision (shortest round-trip form); negatives in parentheses. */
export function jsNumber(value: number): string {
  checkFinite(value);
  if (Object.is(value, -0)) return '(-0)';
  const text = String(Math.abs(value));
  return value < 0 ? `(-${text})` : text;
}

/**
 * WGSL f32 literal: the nearest f32 (values beyond the f32 range clamp to ±max f32, subnormals
 * flush to zero), printed as the shortest decimal that rounds back to it, always with a decimal
 * point or exponent and the `f` suffix (e.g. `2.0f`, `1.5e-7f`); negatives in parentheses.
 */
export function wgslNumber(value: number): string {
  checkFinite(value);
  const negative = value < 0 || Object.is(value, -0);
  let magnitude = Math.abs(value);
  if (magnitude > F32_MAX) magnitude = F32_MAX;
  let f = Math.fround(magnitude);
  if (f > F32_MAX) f = F32_MAX; // fround may round up to Infinity
  if (f < F32_MIN_NORMAL) f = 0;
  const text = f === 0 ? '0.0f' : `${shortestF32(f)}f`;
  return negative ? `(-${text})` : text;
}

/** Shortest decimal "d.ddde±x" / "d.ddd" that rounds (as f32) to f, which is positive. */
function shortestF32(f: number): string {
  for (let digits = 1; digits <= 9; digits++) {
    const s = f.toExponential(digits - 1);
    // the decimal itself must not exceed the f32 range (WGSL rejects 3.4028235e38f)
    if (Math.fround(Number(s)) === f && Number(s) <= F32_MAX) return formatExponential(s);
  }
  return formatExponential(f.toExponential()); // exact (shortest f64) form, e.g. for max f32
}

/** "1.50e+2" → "150.0", "1e-7" → "1.0e-7": a valid WGSL decimal float literal body. */
function formatExponential(s: string): string {
  const [mantissa = '0', exponentText = '0'] = s.split('e');
  const exponent = Number(exponentText);
  const digits = mantissa.replace('.', '').replace(/0+$/, '') || '0';
  // Plain positional form for moderate exponents, scientific otherwise.
  if (exponent >= 0 && exponent < 9) {
    const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    const fracPart = digits.slice(exponent + 1) || '0';
    return `${intPart}.${fracPart}`;
  }
  if (exponent < 0 && exponent >= -5) {
    return `0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  const frac = digits.slice(1) || '0';
  return `${digits[0]}.${frac}e${exponent}`;
}

/**
 * A WGSL float literal for a finite solver constant: the shortest f64 form without suffix (an
 * abstract float, rounded once where it is used); negatives in parentheses.
 */
export function wgslLit(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`cannot write ${x} as a WGSL literal`);
  let s = String(Math.abs(x));
  if (!/[.e]/.test(s)) s += '.0';
  return x < 0 || Object.is(x, -0) ? `(-${s})` : s;
}
