// node:fs in the page: there are no files (a package.json lookup finds none).
export const existsSync = (_path: string): boolean => false;
export function readFileSync(path: string): never {
  throw Object.assign(new Error(`ENOENT: no such file in the playground, '${path}'`), { code: "ENOENT" });
}
export default { existsSync, readFileSync };
