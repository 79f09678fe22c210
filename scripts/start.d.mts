// Types for scripts/start.mjs, imported by test/examples.test.ts.
export interface Example {
  name: string;
  title: string;
}
export const root: string;
export const examples: Example[];
export function nodeArgs(file: string, args?: string[]): string[];
export function header(example: Example, index: number, count: number): string;
