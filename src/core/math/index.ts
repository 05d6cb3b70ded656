export { add, cross, dot, norm, scale, sub, unit, vec3 } from './Vec3.ts';
export type { Vec3 } from './Vec3.ts';
