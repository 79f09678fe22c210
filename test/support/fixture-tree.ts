// The one walker of fixtures/ (Babel's fixture rules), for the plugin's tree and the codemod's alike:
// fixtures/<tree>/<group>/<case>/ holds input.<ext> (or exec.<ext>, a program that asserts), the
// expected files, and options.json, inherited from the group's options.json (a case's keys win,
// objects merged key by key). `"throws": "<text>"` says the case must fail with that text.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface Case<O> {
  group: string;
  name: string;
  dir: string;
  options: O & { throws?: string };
  /** input.<ext> or exec.<ext> */
  source: string;
  /** The source's extension, with its dot (".ts"). */
  ext: string;
  exec: boolean;
}

function readJson(path: string): Record<string, unknown> {
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>) : {};
}

function merge(group: Record<string, unknown>, own: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...group, ...own };
  for (const [key, value] of Object.entries(own)) {
    const inherited = group[key];
    if (value && inherited && typeof value === "object" && typeof inherited === "object" && !Array.isArray(value)) merged[key] = { ...inherited, ...value };
  }
  return merged;
}

/** Every case of fixtures/<tree> (e.g. "plugin", "codemod"), sorted by group then name. */
export function listCases<O>(tree: string): Case<O>[] {
  const treeDir = join(root, "fixtures", tree);
  const cases: Case<O>[] = [];
  for (const group of readdirSync(treeDir, { withFileTypes: true })) {
    if (!group.isDirectory()) continue;
    const groupDir = join(treeDir, group.name);
    const groupOptions = readJson(join(groupDir, "options.json"));
    for (const entry of readdirSync(groupDir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = join(groupDir, entry.name);
      const options = merge(groupOptions, readJson(join(dir, "options.json"))) as O & { throws?: string };
      const file = readdirSync(dir).find((f) => /^(?:input|exec)\.[cm]?[jt]sx?$/.test(f));
      if (!file) throw new Error(`${relative(root, dir)}: needs input.<ext> or exec.<ext>`);
      cases.push({ group: group.name, name: entry.name, dir, options, source: join(dir, file), ext: file.slice(file.indexOf(".")), exec: file.startsWith("exec.") });
    }
  }
  return cases.sort((a, b) => `${a.group}/${a.name}`.localeCompare(`${b.group}/${b.name}`));
}

/**
 * The stored expectation in `file` for `actual`: a missing file is written on first run (never when
 * CI is set), and OVERWRITE=1 refreshes it. Returns the expected text.
 */
export function expectation(file: string, actual: string): string {
  if (process.env.OVERWRITE || (!existsSync(file) && !process.env.CI)) {
    writeFileSync(file, actual);
    return actual;
  }
  if (!existsSync(file)) throw new Error(`${relative(root, file)} is missing (CI is set, so it is not written); run the tests locally to write it`);
  return readFileSync(file, "utf8");
}
