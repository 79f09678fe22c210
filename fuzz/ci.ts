/** The batch CI runs (test/fuzz.test.ts, test/fuzz-faults.test.ts); replay: npm run fuzz -- --seed 2024 --runs 400 */
export const CI_SEED = 2024;
export const CI_RUNS = 400;
