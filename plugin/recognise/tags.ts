import type { NodePath, types as t } from "@babel/core";

/** A block tag, as JSDoc reads them: first on its line, after the optional leading `*`. */
const TAG = /(?:^|[\n\r\u2028\u2029])[\t ]*\**[\t ]*@coroutine(?![\w$-])/;

/** Whether a comment is a JSDoc block (`/** ... *\/`) carrying the `@coroutine` tag. */
export function isCoroutineTag(comment: t.Comment): boolean {
  const { value } = comment;
  return comment.type === "CommentBlock" && value.startsWith("*") && value.includes("@coroutine") && TAG.test(value);
}

/** Whether any comment of the file carries the tag: the cheap test of the bail-out. */
export function fileHasTag(comments: readonly t.Comment[] | null | undefined): boolean {
  return !!comments && comments.some(isCoroutineTag);
}

/**
 * The `@coroutine` JSDoc comments leading a function (empty when none). The JSDoc may sit on the
 * function itself or on what holds it: `export` / `export default`, a one-declarator
 * `const f = function* () {}`, an object property `key: function* () {}`, a class property,
 * `x.y = function* () {}`, or (TypeScript overloads) on a signature before the implementation.
 */
export function coroutineTags(fn: NodePath<t.Function>): t.Comment[] {
  return leadingTags(fn, isCoroutineTag);
}

/** The `@coroutine-skip` JSDoc comments leading a function (it stays native under `trampoline: "all"`). */
export function skipTags(fn: NodePath<t.Function>): t.Comment[] {
  return leadingTags(fn, isSkipTag);
}

const SKIP = /(?:^|[\n\r\u2028\u2029])[\t ]*\**[\t ]*@coroutine-skip(?![\w$-])/;
function isSkipTag(comment: t.Comment): boolean {
  return comment.type === "CommentBlock" && comment.value.startsWith("*") && SKIP.test(comment.value);
}

function leadingTags(fn: NodePath<t.Function>, isTag: (comment: t.Comment) => boolean): t.Comment[] {
  const found = new Set<t.Comment>();
  const add = (node: t.Node) => node.leadingComments?.forEach((c) => isTag(c) && found.add(c));
  let path: NodePath = fn;
  for (;;) {
    add(path.node);
    const parent = path.parentPath;
    if (!parent || !holdsFunction(parent, path)) break;
    path = parent;
  }
  for (const signature of overloadSignatures(path)) add(signature);
  return [...found].sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
}

/**
 * TypeScript overloads: the signatures (`function f(): G;` or `m(): G;`, with their `export`) right
 * before an implementation of the same name.
 */
export function overloadSignatures(path: NodePath): t.Node[] {
  const name = overloadName(path.node);
  const found: t.Node[] = [];
  if (name === null || typeof path.key !== "number") return found;
  for (let sibling = path.getSibling(path.key - 1); sibling.node; sibling = sibling.getSibling((sibling.key as number) - 1)) {
    const node = sibling.node;
    const signature = node.type === "ExportNamedDeclaration" && node.declaration ? node.declaration : node;
    if (signature.type !== "TSDeclareFunction" && signature.type !== "TSDeclareMethod") break;
    if (overloadName(signature) !== name) break;
    found.push(node);
    if (signature !== node) found.push(signature);
  }
  return found;
}

function overloadName(node: t.Node): string | null {
  if (node.type === "ExportNamedDeclaration" && node.declaration) node = node.declaration;
  if (node.type === "FunctionDeclaration" || node.type === "TSDeclareFunction") return node.id?.name ?? null;
  if (node.type === "ClassMethod" || node.type === "TSDeclareMethod") {
    if (node.computed) return null;
    const key = node.key;
    const name = key.type === "Identifier" ? key.name : key.type === "StringLiteral" ? key.value : null;
    return name === null ? null : `${node.static ? "static " : ""}${name}`;
  }
  return null;
}

function holdsFunction(parent: NodePath, child: NodePath): boolean {
  const node = parent.node;
  switch (node.type) {
    case "ExportNamedDeclaration":
    case "ExportDefaultDeclaration":
      return child.key === "declaration";
    case "VariableDeclarator":
      return child.key === "init";
    case "VariableDeclaration":
      return node.declarations.length === 1;
    case "ObjectProperty":
    case "ClassProperty":
    case "ClassPrivateProperty":
      return child.key === "value";
    case "AssignmentExpression":
      return child.key === "right";
    case "ExpressionStatement":
      return true;
    case "TSAsExpression":
    case "TSSatisfiesExpression":
    case "ParenthesizedExpression":
      return true;
    default:
      return false;
  }
}
