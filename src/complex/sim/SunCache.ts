// The Sun's position for the simulator, sampled once a minute and interpolated linearly between
// samples: the Sun moves 0.04° in a minute, so the interpolation error (well under a kilometre on
// its 150 million km distance) does not move an eclipse entry by a measurable time, while the
// astronomy-engine call is saved on every physics step of every spacecraft.
import type { Vec3 } from '../../core/math/index.ts';
import { sunPositionEci } from '../../core/sky/index.ts';

const SAMPLE_MS = 60_000;

export class SunCache {
  private t0 = Number.NaN;
  private a: Vec3 = { x: 0, y: 0, z: 0 };
  private b: Vec3 = { x: 0, y: 0, z: 0 };

  /** The Sun in TEME (km) at `utcMs`. */
  at(utcMs: number): Vec3 {
    const t0 = Math.floor(utcMs / SAMPLE_MS) * SAMPLE_MS;
    if (t0 !== this.t0) {
      if (t0 === this.t0 + SAMPLE_MS) this.a = this.b;
      else this.a = sunPositionEci(t0);
      this.b = sunPositionEci(t0 + SAMPLE_MS);
      this.t0 = t0;
    }
    const f = (utcMs - t0) / SAMPLE_MS;
    return { x: this.a.x + (this.b.x - this.a.x) * f, y: this.a.y + (this.b.y - this.a.y) * f, z: this.a.z + (this.b.z - this.a.z) * f };
  }
}
