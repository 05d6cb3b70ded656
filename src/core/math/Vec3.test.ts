import { describe, expect, it } from 'vitest';
import { cross, dot, norm, sub, unit, vec3 } from './index.ts';

describe('Vec3', () => {
  it('computes the products of orthogonal axes', () => {
    const x = vec3(1, 0, 0);
    const y = vec3(0, 1, 0);
    expect(cross(x, y)).toEqual(vec3(0, 0, 1));
    expect(dot(x, y)).toBe(0);
  });
  it('measures and normalises', () => {
    expect(norm(vec3(3, 4, 12))).toBe(13);
    expect(norm(unit(vec3(2, -7, 5)))).toBeCloseTo(1, 15);
    expect(sub(vec3(5, 5, 5), vec3(1, 2, 3))).toEqual(vec3(4, 3, 2));
  });
  it('refuses to normalise a zero vector', () => {
    expect(() => unit(vec3(0, 0, 0))).toThrow(RangeError);
  });
});
