// Vitest setup: fast-check properties run with one fixed seed, so that a CI run tests the same cases
// as the run before it and a red CI is always a regression. FC_SEED=<n> runs another seed;
// FC_SEED=random lets fast-check draw one (it prints the seed of a failure, to replay with FC_SEED).
import fc from 'fast-check';

const DEFAULT_SEED = 20_261_126;
const chosen = process.env['FC_SEED'];
if (chosen !== 'random') {
  const seed = chosen === undefined || chosen === '' ? DEFAULT_SEED : Number(chosen);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer or "random", found ${chosen}`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
}
