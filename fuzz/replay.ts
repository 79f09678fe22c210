import fc from "fast-check";

/**
 * The value fast-check generates at `path` for `seed` (a shrunk one too, whose path the shrinker
 * printed): how a program of either mode is replayed.
 */
export function valueAt<T>(arbitrary: fc.Arbitrary<T>, seed: number, path: string): T {
  let found: { value: T } | undefined;
  fc.check(
    fc.property(arbitrary, (value) => {
      found = { value };
      return false;
    }),
    { seed, path, endOnFailure: true },
  );
  if (!found) throw new Error(`--path ${path}: fast-check gave no program for seed ${seed}; give a path the shrinker printed`);
  return found.value;
}
