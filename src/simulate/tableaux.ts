// Solver coefficients as data (the diffrax layout): each method is a tableau, and each backend has
// ONE engine per family (explicit RK, Rosenbrock) that reads it. The generators in
// src/model/codegen/ (js-kernels.ts, wgsl-glue.ts) get these tables passed in and unroll them; the
// CPU's generic engines read them directly. Never copy a method's coefficients anywhere else.

import type { ExplicitTableau, RosenbrockTableau } from '../model/codegen/tableau.ts';

export type { ExplicitTableau, RosenbrockTableau };

export type Tableau = ExplicitTableau | RosenbrockTableau;

/** Classical 4th-order Runge–Kutta (fixed step). */
export const RK4: ExplicitTableau = {
  family: 'explicit',
  name: 'rk4',
  stages: 4,
  a: [[], [1 / 2], [0, 1 / 2], [0, 0, 1]],
  b: [1 / 6, 1 / 3, 1 / 3, 1 / 6],
  c: [0, 1 / 2, 1 / 2, 1],
  e: null,
  order: 4,
  errorOrder: 0,
  fsal: false,
  dense: null,
};

/** Dormand & Prince (1980) 5(4), FSAL (Hairer, Nørsett & Wanner, Solving ODEs I, Table 5.2). */
export const DOPRI5: ExplicitTableau = {
  family: 'explicit',
  name: 'dopri5',
  stages: 7,
  a: [
    [],
    [1 / 5],
    [3 / 40, 9 / 40],
    [44 / 45, -56 / 15, 32 / 9],
    [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
    [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
    [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
  ],
  b: [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0],
  c: [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1],
  // b − b̂ with b̂ = (5179/57600, 0, 7571/16695, 393/640, −92097/339200, 187/2100, 1/40)
  e: [71 / 57600, 0, -71 / 16695, 71 / 1920, -17253 / 339200, 22 / 525, -1 / 40],
  order: 5,
  errorOrder: 4,
  fsal: true,
  // Hairer's DOPRI5 continuous extension of order 4 (dopri5.f, CONTD5)
  dense: [
    -12715105075 / 11282082432, 0, 87487479700 / 32700410799, -10690763975 / 1880347072,
    701980252875 / 199316789632, -1453857185 / 822651844, 69997945 / 29380423,
  ],
};

/** Tsitouras (2011) 5(4), FSAL: "Runge–Kutta pairs of order 5(4) satisfying only the first column simplifying assumption". */
export const TSIT5: ExplicitTableau = {
  family: 'explicit',
  name: 'tsit5',
  stages: 7,
  a: [
    [],
    [0.161],
    [-0.008480655492356989, 0.335480655492357],
    [2.8971530571054935, -6.359448489975075, 4.3622954328695815],
    [5.325864828439257, -11.748883564062828, 7.4955393428898365, -0.09249506636175525],
    [5.86145544294642, -12.92096931784711, 8.159367898576159, -0.071584973281401, -0.028269050394068383],
    [0.09646076681806523, 0.01, 0.4798896504144996, 1.379008574103742, -3.290069515436081, 2.324710524099774],
  ],
  b: [0.09646076681806523, 0.01, 0.4798896504144996, 1.379008574103742, -3.290069515436081, 2.324710524099774, 0],
  c: [0, 0.161, 0.327, 0.9, 0.9800255409045097, 1, 1],
  e: [
    -0.0017800110522257773, -0.0008164344596567469, 0.007880878010261995, -0.1447110071732629,
    0.5823571654525552, -0.45808210592918697, 1 / 66,
  ],
  order: 5,
  errorOrder: 4,
  fsal: true,
  // Tsit5 has its own interpolant (not implemented): outputs are stepped to
  dense: null,
};

/**
 * RODAS4 (Hairer & Wanner, Solving ODEs II, §VI.4): 6 stages, order 4 with an order-3 embedded
 * solution, L-stable and stiffly accurate (y_new is the last stage point plus K_6, and the error
 * estimate is K_6 itself).
 */
const RODAS4_A6 = [1.221224509226641, 6.019134481288629, 12.53708332932087, -0.687886036105895];
export const RODAS4: RosenbrockTableau = {
  family: 'rosenbrock',
  name: 'rodas4',
  stages: 6,
  gamma: 0.25,
  a: [
    [],
    [1.544],
    [0.9466785280815826, 0.2557011698983284],
    [3.314825187068521, 2.896124015972201, 0.9986419139977817],
    [...RODAS4_A6],
    [...RODAS4_A6, 1],
  ],
  c: [
    [],
    [-5.6688],
    [-2.430093356833875, -0.2063599157091915],
    [-0.1073529058151375, -9.594562251023355, -20.47028614809616],
    [7.496443313967647, -10.24680431464352, -33.99990352819905, 11.7089089320616],
    [8.083246795921522, -7.981132988064893, -31.52159432874371, 16.31930543123136, -6.058818238834054],
  ],
  alpha: [0, 0.386, 0.21, 0.63, 1, 1],
  gammaSum: [0.25, -0.1043, 0.1035, -0.0362, 0, 0],
  m: [...RODAS4_A6, 1, 1],
  e: [0, 0, 0, 0, 0, 1],
  newF: [true, true, true, true, true, true],
  order: 4,
  errorOrder: 3,
};

export const EXPLICIT_TABLEAUX = { rk4: RK4, dopri5: DOPRI5, tsit5: TSIT5 } as const;
