/** The batch CI runs (test/fuzz.test.ts, test/fuzz-faults.test.ts); replay: npm run fuzz -- --seed 2025 --runs 400 */
export const CI_SEED = 2025;
export const CI_RUNS = 400;
