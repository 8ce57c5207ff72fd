// A number as messages write it: four significant digits, no trailing zeros (0.1667, 12, 1.5e-7).
export const shortNumber = (x: number): string => String(Number(x.toPrecision(4)));
