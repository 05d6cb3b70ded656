// The physical state of one simulated spacecraft and how it evolves: solar arrays lit by the Sun
// (the eclipse and beta angle come from the real orbit), a battery that charges and discharges
// through its internal resistance, first-order thermal nodes, and body rates under attitude
// control. Deliberately simple, but every number moves for a physical reason.

export type AttitudeMode = 'SAFE' | 'DETUMBLE' | 'SUN_POINTING' | 'NADIR_POINTING';
export type PayloadState = 'OFF' | 'STANDBY' | 'IMAGING' | 'FAULT';
export type SunState = 'SUNLIT' | 'PENUMBRA' | 'ECLIPSE';

/** Design figures of a spacecraft (a 28 V bus with a 7-cell lithium-ion battery). */
export interface SpacecraftDesign {
  readonly batteryCapacityAh: number;
  readonly batteryCells: number;
  readonly internalResistanceOhm: number;
  /** Largest charge current, tapering to 0 above 90 % state of charge. */
  readonly chargeLimitA: number;
  /** Current of each of the two sun-tracking wings, facing the Sun squarely. */
  readonly wingCurrentA: number;
  /** Current of the body-mounted panel on the zenith face, facing the Sun squarely. */
  readonly bodyPanelCurrentA: number;
  readonly platformLoadA: number;
  readonly heaterLoadA: number;
  readonly payloadStandbyLoadA: number;
  readonly payloadImagingLoadA: number;
  readonly propellantKg: number;
  readonly thrusterFlowKgPerS: number;
  /** Body rate a thruster adds per second of firing (deg/s). */
  readonly thrusterRateDegPerS: number;
}

export const DEFAULT_DESIGN: SpacecraftDesign = {
  batteryCapacityAh: 20,
  batteryCells: 7,
  internalResistanceOhm: 0.08,
  chargeLimitA: 5,
  wingCurrentA: 4,
  bodyPanelCurrentA: 1.5,
  platformLoadA: 2,
  heaterLoadA: 1,
  payloadStandbyLoadA: 0.8,
  payloadImagingLoadA: 2.5,
  propellantKg: 20,
  thrusterFlowKgPerS: 0.0005,
  thrusterRateDegPerS: 0.4,
};

/** Open-circuit voltage of one cell (V) at a state of charge in [0, 1]. */
export function cellOpenCircuitV(soc: number): number {
  return 3.3 + 0.9 * soc;
}

/** What the orbit gives at one instant. */
export interface Environment {
  readonly sunlitFraction: number;
  readonly sunState: SunState;
  /** |cos β|: how squarely wings turning about the orbit normal can face the Sun. */
  readonly cosBeta: number;
  /** Cosine between the zenith and the Sun direction (the body panel faces zenith when nadir pointing). */
  readonly sunZenithCos: number;
  /** Rate of the orbit (deg/s): the pitch rate of a nadir-pointing spacecraft. */
  readonly orbitRateDegPerS: number;
}

/** What the on-board computer has switched on. */
export interface Loads {
  readonly heaterOn: boolean;
  readonly payload: PayloadState;
  readonly attitudeMode: AttitudeMode;
}

/** How far battery ageing has gone: 1, 1, 0 for a new battery. */
export interface BatteryHealth {
  readonly capacityFactor: number;
  readonly resistanceFactor: number;
  readonly cellDropV: number;
}

const HEALTHY: BatteryHealth = { capacityFactor: 1, resistanceFactor: 1, cellDropV: 0 };

const ATTITUDE_LOAD_A: Readonly<Record<AttitudeMode, number>> = { SAFE: 0.2, DETUMBLE: 0.8, SUN_POINTING: 0.5, NADIR_POINTING: 0.5 };
/** Time constants of the attitude controller damping rates towards their target (s). */
const RATE_TAU_S: Readonly<Record<AttitudeMode, number>> = { SAFE: 120, DETUMBLE: 300, SUN_POINTING: 40, NADIR_POINTING: 40 };
const SAFE_SPIN_DEG_PER_S = 0.2;

function relax(value: number, target: number, dtS: number, tauS: number): number {
  return target + (value - target) * Math.exp(-dtS / tauS);
}

export class SpacecraftPhysics {
  soc = 0.95;
  batteryTempC = 8;
  obcTempC = 22;
  payloadTempC = 5;
  /** True body rates (deg/s). */
  rates: [number, number, number] = [0, 0, 0];
  propellantKg: number;
  saCurrentsA: [number, number, number] = [0, 0, 0];
  loadCurrentA = 0;
  batteryCurrentA = 0;
  batteryVoltageV = 0;
  health: BatteryHealth = HEALTHY;
  /** The heater element is open: it heats nothing whatever its switch says. */
  heaterBroken = false;
  /** A tumbling spacecraft's panels turn through the Sun: the phase of that turn (rad). */
  private tumblePhase = 0;

  constructor(
    readonly design: SpacecraftDesign = DEFAULT_DESIGN,
    nadirRateDegPerS = 0,
  ) {
    this.propellantKg = design.propellantKg;
    this.rates = [0, -nadirRateDegPerS, 0];
    this.batteryVoltageV = this.terminalVoltage(0);
  }

  private terminalVoltage(currentA: number): number {
    const d = this.design;
    return d.batteryCells * (cellOpenCircuitV(this.soc) - this.health.cellDropV) + currentA * d.internalResistanceOhm * this.health.resistanceFactor;
  }

  /** Advances the state by `dtS` seconds in `env` with `loads`; `noise` draws a standard normal. */
  step(dtS: number, env: Environment, loads: Loads, noise: () => number): void {
    if (!(dtS > 0)) return;
    const d = this.design;
    const lit = env.sunlitFraction;
    // Solar arrays: how squarely each faces the Sun in this attitude.
    let wingCos: number;
    let bodyCos: number;
    switch (loads.attitudeMode) {
      case 'SUN_POINTING':
        wingCos = 1;
        bodyCos = 0.1;
        break;
      case 'NADIR_POINTING':
        wingCos = env.cosBeta;
        bodyCos = Math.max(0, env.sunZenithCos);
        break;
      case 'SAFE':
        wingCos = 0.95;
        bodyCos = 0.05;
        break;
      case 'DETUMBLE': {
        const spin = Math.hypot(...this.rates);
        this.tumblePhase += (spin * Math.PI * dtS) / 180;
        wingCos = 0.35 + 0.3 * Math.sin(this.tumblePhase);
        bodyCos = 0.2 + 0.2 * Math.cos(this.tumblePhase);
        break;
      }
    }
    const wing = d.wingCurrentA * wingCos * lit;
    this.saCurrentsA = [wing, wing, d.bodyPanelCurrentA * bodyCos * lit];
    const heating = loads.heaterOn && !this.heaterBroken;
    this.loadCurrentA =
      d.platformLoadA +
      ATTITUDE_LOAD_A[loads.attitudeMode] +
      (heating ? d.heaterLoadA : 0) +
      (loads.payload === 'STANDBY' ? d.payloadStandbyLoadA : loads.payload === 'IMAGING' ? d.payloadImagingLoadA : 0);
    // Battery: surplus charges it (tapering near full, the rest is shunted), deficit discharges it.
    const net = this.saCurrentsA[0] + this.saCurrentsA[1] + this.saCurrentsA[2] - this.loadCurrentA;
    const taper = this.soc < 0.9 ? 1 : Math.max(0, (1 - this.soc) / 0.1);
    const current = net >= 0 ? Math.min(net, d.chargeLimitA * taper) : this.soc > 0 ? net : 0;
    this.batteryCurrentA = current;
    const capacityAs = d.batteryCapacityAh * 3600 * this.health.capacityFactor;
    this.soc = Math.min(1, Math.max(0, this.soc + ((current >= 0 ? 0.98 : 1) * current * dtS) / capacityAs));
    this.batteryVoltageV = this.terminalVoltage(current);
    // Thermal nodes: each relaxes towards the temperature its heat balance sets.
    const batteryEq = -12 + 10 * lit + (heating ? 50 : 0) + 0.3 * Math.abs(current);
    this.batteryTempC = relax(this.batteryTempC, batteryEq, dtS, 600);
    this.obcTempC = relax(this.obcTempC, 18 + 8 * lit, dtS, 900);
    const payloadHeat = loads.payload === 'STANDBY' ? 12 : loads.payload === 'IMAGING' ? 30 : 0;
    this.payloadTempC = relax(this.payloadTempC, -5 + 12 * lit + payloadHeat, dtS, 500);
    // Attitude: the controller damps rates towards the mode's target; small disturbances remain.
    const target: [number, number, number] =
      loads.attitudeMode === 'NADIR_POINTING' ? [0, -env.orbitRateDegPerS, 0] : loads.attitudeMode === 'SAFE' ? [0, 0, SAFE_SPIN_DEG_PER_S] : [0, 0, 0];
    const tau = RATE_TAU_S[loads.attitudeMode];
    const walk = 0.0004 * Math.sqrt(dtS);
    this.rates = [
      relax(this.rates[0], target[0], dtS, tau) + walk * noise(),
      relax(this.rates[1], target[1], dtS, tau) + walk * noise(),
      relax(this.rates[2], target[2], dtS, tau) + walk * noise(),
    ];
  }

  /** Fires a thruster (1-4) for `durationS`: propellant goes, and the body picks up a rate about the thruster's axis. */
  fireThruster(thruster: number, durationS: number): void {
    const d = this.design;
    const burnS = Math.min(durationS, this.propellantKg / d.thrusterFlowKgPerS);
    this.propellantKg = Math.max(0, this.propellantKg - burnS * d.thrusterFlowKgPerS);
    const kick = d.thrusterRateDegPerS * burnS;
    const axis = (thruster - 1) % 3;
    const sign = thruster % 2 === 0 ? -1 : 1;
    this.rates[axis] = (this.rates[axis] ?? 0) + sign * kick;
  }
}
