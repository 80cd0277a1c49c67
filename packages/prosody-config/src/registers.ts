/**
 * Lua 5.4 compiles each function for a register machine of at most 254 registers (MAXREGS 255:
 * luaK_checkstack refuses the register numbered 254): active local variables hold one each, and an
 * expression holds one per value it keeps while computing the next (a call's function and its
 * arguments, the pending items of a table constructor, a concatenation's operands). A file that
 * needs more is refused by Lua's parser ("function or expression needs too many registers"), so it
 * is refused here too.
 *
 * The count follows lparser.c/lcode.c where the numbers grow (calls, returns, table constructors
 * with their flush every 50 list items, local statements, loops' hidden variables) and takes one
 * register more wherever Lua may use an immediate or a constant instead: it never counts fewer
 * registers than Lua, so nothing Lua refuses gets through; a file within a few registers of the
 * limit may be refused although Lua would take it.
 */
import type { Chunk, Expression, FunctionDeclaration, Node, Statement } from 'luaparse';

/** The first register number Lua refuses. */
const LIMIT = 254;
/** Table constructors store their list items every 50 (LFIELDS_PER_FLUSH). */
const FLUSH = 50;

/** The `[start, end)` range of a node (parsed with `ranges: true`). */
function rangeOf(node: Node): readonly [number, number] {
  return (node as unknown as { range: [number, number] }).range;
}

/** The vendored parser tells how many constants each function has at most. */
interface Constants {
  constants?: number;
}

/**
 * Whether the function being walked may hold more than 255 constants: then a name or string key
 * can no longer be an operand of its own and takes a register too (luaK_indexed: isKstr).
 */
let manyConstants = false;

/** Where a statement or expression needs register LIMIT: its start offset, or undefined when none does. */
export function tooManyRegisters(chunk: Chunk): number | undefined {
  manyConstants = ((chunk as Chunk & Constants).constants ?? Infinity) > 255;
  try {
    block(chunk.body, 0);
    return undefined;
  } catch (e) {
    if (e instanceof Overflow) return e.offset;
    throw e;
  }
}

/** Thrown from deep in the walk to the first statement or expression over the limit; caught by tooManyRegisters. */
class Overflow extends Error {
  constructor(readonly offset: number) {
    super(`needs register ${LIMIT} at offset ${offset}`);
  }
}

/** Register `base` is used by `node`. */
function use(node: Node, base: number): void {
  if (base >= LIMIT) throw new Overflow(rangeOf(node)[0]);
}

/** A block whose first free register is `base` (its active locals below it). */
function block(statements: readonly Statement[], base: number): void {
  let active = base;
  for (const s of statements) {
    const [start, end] = rangeOf(s);
    // A statement cannot hold more registers than it has bytes: skip the short ones.
    if (active + (end - start) >= LIMIT) statement(s, active);
    if (s.type === 'LocalStatement') active += s.variables.length;
    else if (s.type === 'FunctionDeclaration' && s.isLocal) active += 1;
  }
}

function statement(s: Statement, base: number): void {
  switch (s.type) {
    case 'LocalStatement':
      // Values go to consecutive registers; missing ones are filled with nil up to the names.
      s.init.forEach((e, i) => expression(e, base + i));
      if (s.variables.length > 0) use(s.variables[s.variables.length - 1]!, base + s.variables.length - 1);
      return;
    case 'AssignmentStatement': {
      // Each indexed target keeps its table and key in registers while the values are computed.
      let next = base;
      for (const t of s.variables) {
        if (t.type === 'Identifier') continue;
        target(t, next);
        next += 2;
      }
      s.init.forEach((e, i) => expression(e, next + i));
      return;
    }
    case 'CallStatement':
      expression(s.expression, base);
      return;
    case 'ReturnStatement':
      s.arguments.forEach((e, i) => expression(e, base + i));
      return;
    case 'IfStatement':
      for (const clause of s.clauses) {
        if ('condition' in clause) expression(clause.condition, base);
        block(clause.body, base);
      }
      return;
    case 'WhileStatement':
      expression(s.condition, base);
      block(s.body, base);
      return;
    case 'RepeatStatement':
      block(s.body, base);
      expression(s.condition, base + locals(s.body));
      return;
    case 'DoStatement':
      block(s.body, base);
      return;
    case 'ForNumericStatement':
      // Three hidden control variables, then the loop variable.
      expression(s.start, base);
      expression(s.end, base + 1);
      if (s.step) expression(s.step, base + 2);
      use(s.variable, base + 3);
      block(s.body, base + 4);
      return;
    case 'ForGenericStatement':
      // Four hidden control variables, then the loop variables.
      s.iterators.forEach((e, i) => expression(e, base + i));
      use(s.variables[s.variables.length - 1]!, base + 3 + s.variables.length);
      block(s.body, base + 4 + s.variables.length);
      return;
    case 'FunctionDeclaration':
      // The closure, and for `function a.b.c()` the table it is stored in.
      use(s, base + (s.identifier && s.identifier.type !== 'Identifier' ? 2 : 0));
      functionBody(s);
      return;
    default:
      return; // labels, goto, break
  }
}

/** The registers an assignment target keeps: its table, then its key. */
function target(t: Expression, base: number): void {
  if (t.type === 'MemberExpression') {
    expression(t.base, base);
    use(t, base + 1);
  } else if (t.type === 'IndexExpression') {
    expression(t.base, base);
    expression(t.index, base + 1);
  }
}

/** The active locals a block leaves declared at its end (for `repeat … until cond`). */
function locals(statements: readonly Statement[]): number {
  let n = 0;
  for (const s of statements) {
    if (s.type === 'LocalStatement') n += s.variables.length;
    else if (s.type === 'FunctionDeclaration' && s.isLocal) n += 1;
  }
  return n;
}

/** A function's body: its registers start after its parameters (and `self`). */
function functionBody(f: FunctionDeclaration): void {
  const self = f.identifier?.type === 'MemberExpression' && f.identifier.indexer === ':' ? 1 : 0;
  const outer = manyConstants;
  manyConstants = ((f as FunctionDeclaration & Constants).constants ?? Infinity) > 255;
  block(f.body, self + f.parameters.length);
  manyConstants = outer;
}

/**
 * `e` computed into register `base`, using the registers above it as it needs. The left operand of
 * a binary operator and the base of a call, index or field stay in `base`: their chains are walked
 * in a loop (a file may chain thousands), the rest recursively (nesting is bounded by MAX_LEVELS).
 */
function expression(e: Expression, base: number): void {
  for (;;) {
    use(e, base);
    switch (e.type) {
      case 'BinaryExpression':
      case 'LogicalExpression':
        expression(e.right, base + 1);
        e = e.left;
        continue;
      case 'UnaryExpression':
        e = e.argument;
        continue;
      case 'MemberExpression':
        // `obj:m` (in a call): the method, then the object as `self`; a key that is not an operand.
        if (e.indexer === ':' || manyConstants) use(e, base + 1);
        e = e.base;
        continue;
      case 'IndexExpression':
        expression(e.index, base + 1);
        e = e.base;
        continue;
      case 'CallExpression': {
        const self = e.base.type === 'MemberExpression' && e.base.indexer === ':' ? 1 : 0;
        e.arguments.forEach((a, i) => expression(a, base + 1 + self + i));
        e = e.base;
        continue;
      }
      case 'TableCallExpression':
        table(e.arguments, base + 1);
        e = e.base;
        continue;
      case 'StringCallExpression':
        use(e.argument, base + 1);
        e = e.base;
        continue;
      case 'TableConstructorExpression':
        table(e, base);
        return;
      case 'FunctionDeclaration':
        functionBody(e);
        return;
      case 'Identifier':
        // A global is a field of _ENV: its key may need a register of its own.
        if (manyConstants) use(e, base + 1);
        return;
      default:
        return; // literals, `...`
    }
  }
}

/** A table constructor in register `base`: list items pending above it, stored every 50. */
function table(t: Expression, base: number): void {
  if (t.type !== 'TableConstructorExpression') return;
  use(t, base);
  let pending = 0;
  for (const f of t.fields) {
    if (f.type === 'TableValue') {
      expression(f.value, base + 1 + pending);
      pending = (pending + 1) % FLUSH;
    } else {
      // `[k] = v` and `k = v`: a key that is not a constant operand takes a register, then the value.
      const keyRegister = manyConstants || (f.type === 'TableKey' && f.key.type !== 'StringLiteral' && f.key.type !== 'NumericLiteral');
      if (f.type === 'TableKey') expression(f.key, base + 1 + pending);
      expression(f.value, base + (keyRegister ? 2 : 1) + pending);
    }
  }
}
