/**
 * Terraform type constraints (`list(string)`, `object({ a = optional(number, 1) })`, …) and a
 * check that a JSON value (a `terraform.tfvars.json` entry) conforms to one.
 */

/** A parsed type constraint. */
export type TerraformType =
  | { readonly kind: 'string' | 'number' | 'bool' | 'any' }
  | { readonly kind: 'list' | 'set' | 'map'; readonly element: TerraformType }
  | { readonly kind: 'tuple'; readonly elements: readonly TerraformType[] }
  | {
      readonly kind: 'object';
      readonly attributes: Readonly<Record<string, { type: TerraformType; optional: boolean }>>;
    };

/**
 * Parses a variable's `type` as hcl2json renders it (`"${list(string)}"`).
 *
 * @throws {Error} on a type expression it cannot read.
 * @example
 * ```ts
 * parseType('${map(list(string))}'); // { kind: 'map', element: { kind: 'list', element: { kind: 'string' } } }
 * ```
 */
export function parseType(expression: string): TerraformType {
  const source = expression.startsWith('${') ? expression.slice(2, -1) : expression;
  const parser = new TypeParser(tokenize(source));
  const type = parser.type();
  parser.end();
  return type;
}

/** Why `value` does not conform to `type`, or undefined when it does; `path` names the key. */
export function conformance(value: unknown, type: TerraformType, path: string): string | undefined {
  // A null is "unset": every variable here is nullable, as Terraform's are by default.
  if (value === null) return undefined;
  switch (type.kind) {
    case 'any':
      return undefined;
    case 'string':
    case 'number':
      return typeof value === type.kind
        ? undefined
        : `${path}: expected ${type.kind}, got ${describe(value)}`;
    case 'bool':
      return typeof value === 'boolean'
        ? undefined
        : `${path}: expected bool, got ${describe(value)}`;
    case 'list':
    case 'set':
      if (!Array.isArray(value)) return `${path}: expected ${type.kind}, got ${describe(value)}`;
      return first(
        value.map((item, index) => conformance(item, type.element, `${path}[${index}]`)),
      );
    case 'tuple':
      if (!Array.isArray(value) || value.length !== type.elements.length) {
        return `${path}: expected a tuple of ${type.elements.length}, got ${describe(value)}`;
      }
      return first(
        type.elements.map((element, index) =>
          conformance(value[index], element, `${path}[${index}]`),
        ),
      );
    case 'map':
      if (!isRecord(value)) return `${path}: expected map, got ${describe(value)}`;
      return first(
        Object.entries(value).map(([key, item]) =>
          conformance(item, type.element, `${path}.${key}`),
        ),
      );
    case 'object': {
      if (!isRecord(value)) return `${path}: expected object, got ${describe(value)}`;
      for (const key of Object.keys(value)) {
        // Terraform would drop it silently; here it is almost always a typo.
        if (!(key in type.attributes)) return `${path}.${key}: not an attribute of the object type`;
      }
      return first(
        Object.entries(type.attributes).map(([key, attribute]) =>
          value[key] === undefined
            ? attribute.optional
              ? undefined
              : `${path}.${key}: required attribute missing`
            : conformance(value[key], attribute.type, `${path}.${key}`),
        ),
      );
    }
  }
}

function first(reasons: readonly (string | undefined)[]): string | undefined {
  return reasons.find((reason) => reason !== undefined);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

type Token = { readonly kind: 'word' | 'punct' | 'string' | 'number'; readonly text: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < source.length) {
    const rest = source.slice(at);
    const space = /^[\s,]+/.exec(rest);
    if (space !== null) {
      // Commas and newlines both separate object attributes; keep commas inside optional().
      if (space[0].includes(',')) tokens.push({ kind: 'punct', text: ',' });
      at += space[0].length;
      continue;
    }
    const word = /^[A-Za-z_][\w-]*/.exec(rest);
    const number = /^-?\d+(\.\d+)?/.exec(rest);
    const string = /^"(?:[^"\\]|\\.)*"/.exec(rest);
    const token: Token | undefined =
      word !== null
        ? { kind: 'word', text: word[0] }
        : number !== null
          ? { kind: 'number', text: number[0] }
          : string !== null
            ? { kind: 'string', text: string[0] }
            : '(){}[]=:'.includes(rest[0] ?? '')
              ? { kind: 'punct', text: rest[0] ?? '' }
              : undefined;
    if (token === undefined)
      throw new Error(`cannot read type expression at "${rest.slice(0, 20)}"`);
    tokens.push(token);
    at += token.text.length;
  }
  return tokens;
}

class TypeParser {
  private at = 0;

  public constructor(private readonly tokens: readonly Token[]) {}

  public type(): TerraformType {
    const word = this.next('word').text;
    switch (word) {
      case 'string':
      case 'number':
      case 'bool':
      case 'any':
        return { kind: word };
      case 'list':
      case 'set':
      case 'map': {
        this.expect('(');
        const element = this.type();
        this.expect(')');
        return { kind: word, element };
      }
      case 'tuple': {
        this.expect('(');
        this.expect('[');
        const elements: TerraformType[] = [];
        while (!this.peek(']')) {
          elements.push(this.type());
          this.skip(',');
        }
        this.expect(']');
        this.expect(')');
        return { kind: 'tuple', elements };
      }
      case 'object': {
        this.expect('(');
        this.expect('{');
        const attributes: Record<string, { type: TerraformType; optional: boolean }> = {};
        while (!this.peek('}')) {
          const name = this.next().text.replace(/^"|"$/g, '');
          if (!this.skip('=')) this.expect(':');
          attributes[name] = this.attribute();
          this.skip(',');
        }
        this.expect('}');
        this.expect(')');
        return { kind: 'object', attributes };
      }
      default:
        throw new Error(`unknown type "${word}"`);
    }
  }

  public end(): void {
    if (this.at < this.tokens.length) throw new Error(`unexpected "${this.tokens[this.at]?.text}"`);
  }

  private attribute(): { type: TerraformType; optional: boolean } {
    const token = this.tokens[this.at];
    if (token?.text !== 'optional') return { type: this.type(), optional: false };
    this.at += 1;
    this.expect('(');
    const type = this.type();
    if (this.skip(',')) this.skipExpression();
    this.expect(')');
    return { type, optional: true };
  }

  /** Skips a default value: everything up to the `)` that closes `optional(`. */
  private skipExpression(): void {
    let depth = 0;
    while (this.at < this.tokens.length) {
      const text = this.tokens[this.at]?.text;
      if (depth === 0 && text === ')') return;
      if (text === '(' || text === '[' || text === '{') depth += 1;
      if (text === ')' || text === ']' || text === '}') depth -= 1;
      this.at += 1;
    }
  }

  private next(kind?: Token['kind']): Token {
    const token = this.tokens[this.at];
    if (token === undefined || (kind !== undefined && token.kind !== kind)) {
      throw new Error(`expected ${kind ?? 'a token'}, got "${token?.text ?? 'end'}"`);
    }
    this.at += 1;
    return token;
  }

  private peek(text: string): boolean {
    return this.tokens[this.at]?.text === text;
  }

  private skip(text: string): boolean {
    if (!this.peek(text)) return false;
    this.at += 1;
    return true;
  }

  private expect(text: string): void {
    if (!this.skip(text)) {
      throw new Error(`expected "${text}", got "${this.tokens[this.at]?.text ?? 'end'}"`);
    }
  }
}
