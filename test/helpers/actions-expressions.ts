// GitHub Actions expressions (`${{ … }}` and `if:`), evaluated as GitHub's documentation describes
// them, for the part the starter workflows use: literals, context properties, ! == != && || and
// parentheses, contains / startsWith / endsWith. A missing property is null; `&&` and `||` give
// one of their operands; strings compare and contain without regard to letter case.

export type Context = Record<string, unknown>;
type Value = unknown;

const TOKEN = /\s*(?:(\|\||&&|==|!=|!|\(|\)|,)|'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?)|([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*))/y;

function tokens(text: string): { kind: 'op' | 'str' | 'num' | 'name'; value: string }[] {
  const out: { kind: 'op' | 'str' | 'num' | 'name'; value: string }[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.trimEnd().length) {
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) throw new Error(`cannot read the expression at "${text.slice(start)}"`);
    if (m[1] !== undefined) out.push({ kind: 'op', value: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'str', value: m[2].replace(/''/g, "'") });
    else if (m[3] !== undefined) out.push({ kind: 'num', value: m[3] });
    else out.push({ kind: 'name', value: m[4]! });
  }
  return out;
}

const truthy = (v: Value) => !(v === false || v === null || v === undefined || v === 0 || v === '' || Number.isNaN(v));
export const asString = (v: Value) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const asNumber = (v: Value) => (v === null || v === undefined ? 0 : typeof v === 'boolean' ? Number(v) : v === '' ? 0 : Number(v));

function equal(a: Value, b: Value): boolean {
  const [x, y] = [a ?? null, b ?? null];
  if (typeof x === 'string' && typeof y === 'string') return x.toLowerCase() === y.toLowerCase();
  if (typeof x === typeof y) return x === y;
  // Values of two types are compared as numbers: null and '' are 0, so an unset variable == ''.
  return asNumber(x) === asNumber(y);
}

const FUNCTIONS: Record<string, (...args: Value[]) => Value> = {
  contains: (search, item) => (Array.isArray(search) ? search.some((x) => equal(x, item)) : asString(search).toLowerCase().includes(asString(item).toLowerCase())),
  startsWith: (s, p) => asString(s).toLowerCase().startsWith(asString(p).toLowerCase()),
  endsWith: (s, p) => asString(s).toLowerCase().endsWith(asString(p).toLowerCase()),
};

/** The value of one expression (the text inside `${{ }}`, or an `if:`) in the given contexts. */
export function evaluate(expression: string, context: Context): Value {
  const list = tokens(expression);
  let at = 0;
  const peek = (value: string) => list[at]?.kind === 'op' && list[at]!.value === value;
  const expect = (value: string) => {
    if (!peek(value)) throw new Error(`expected "${value}" in ${expression}`);
    at++;
  };
  const or = (): Value => {
    let left = and();
    while (peek('||')) {
      at++;
      const right = and();
      left = truthy(left) ? left : right;
    }
    return left;
  };
  const and = (): Value => {
    let left = comparison();
    while (peek('&&')) {
      at++;
      const right = comparison();
      left = truthy(left) ? right : left;
    }
    return left;
  };
  const comparison = (): Value => {
    const left = unary();
    if (peek('==') || peek('!=')) {
      const op = list[at++]!.value;
      const right = unary();
      return op === '==' ? equal(left, right) : !equal(left, right);
    }
    return left;
  };
  const unary = (): Value => {
    if (peek('!')) {
      at++;
      return !truthy(unary());
    }
    return primary();
  };
  const primary = (): Value => {
    const token = list[at++];
    if (!token) throw new Error(`expression ends early: ${expression}`);
    if (token.kind === 'op' && token.value === '(') {
      const value = or();
      expect(')');
      return value;
    }
    if (token.kind === 'str') return token.value;
    if (token.kind === 'num') return Number(token.value);
    if (token.kind === 'name') {
      if (token.value === 'true' || token.value === 'false') return token.value === 'true';
      if (token.value === 'null') return null;
      if (peek('(')) {
        const fn = FUNCTIONS[token.value];
        if (!fn) throw new Error(`no function ${token.value} in this evaluator`);
        at++;
        const args: Value[] = [];
        while (!peek(')')) {
          args.push(or());
          if (peek(',')) at++;
        }
        expect(')');
        return fn(...args);
      }
      return token.value.split('.').reduce<Value>((object, key) => (object !== null && typeof object === 'object' ? ((object as Record<string, unknown>)[key] ?? null) : null), context);
    }
    throw new Error(`unexpected "${token.value}" in ${expression}`);
  };
  const value = or();
  if (at !== list.length) throw new Error(`unexpected "${list[at]!.value}" in ${expression}`);
  return value;
}

/** Whether an `if:` lets its job or step run (an `if:` may be written with or without `${{ }}`). */
export const runs = (condition: string | undefined, context: Context) =>
  condition === undefined || truthy(evaluate(condition.replace(/^\s*\$\{\{([\s\S]*)\}\}\s*$/, '$1'), context));

/** A text with every `${{ … }}` replaced by its value, as Actions does in `run:`, `env:` and `with:`. */
export const substitute = (text: string, context: Context) => text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) => asString(evaluate(expression, context)));
