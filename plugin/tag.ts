import type { NodePath, types as t } from "@babel/core";

/** A block tag, as JSDoc reads them: first on its line, after the optional leading `*`. */
const TAG = /(?:^|\n)[\t ]*\**[\t ]*@coroutine(?![\w$-])/;

/** Whether a comment is a JSDoc block (`/** ... *\/`) carrying the `@coroutine` tag. */
export function isCoroutineTag(comment: t.Comment): boolean {
  return comment.type === "CommentBlock" && comment.value.startsWith("*") && TAG.test(comment.value);
}

/** Whether any comment of the file carries the tag: the cheap test of the bail-out. */
export function fileHasTag(comments: readonly t.Comment[] | null | undefined): boolean {
  return !!comments && comments.some(isCoroutineTag);
}

/**
 * Whether the function's leading JSDoc has `@coroutine`. The JSDoc may sit on the function itself or
 * on what holds it: `export` / `export default`, a one-declarator `const f = function* () {}`, an
 * object property `key: function* () {}`, a class property, or `x.y = function* () {}`.
 */
export function hasCoroutineTag(fn: NodePath<t.Function>): boolean {
  let path: NodePath = fn;
  for (;;) {
    if (path.node.leadingComments?.some(isCoroutineTag)) return true;
    const parent = path.parentPath;
    if (!parent || !holdsFunction(parent, path)) return false;
    path = parent;
  }
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
