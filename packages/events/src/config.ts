import { ConfigError } from './errors.js';

/** The environment a configuration is read from: `process.env` in Lambda. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** One environment variable: its name and how its raw text becomes a typed value. */
export interface Variable<T> {
  readonly name: string;
  /** Parses the raw value; throws {@link ConfigError} naming the variable when it is wrong. */
  read(env: Environment): T;
}

export type ConfigOf<TSchema extends Record<string, Variable<unknown>>> = {
  readonly [K in keyof TSchema]: TSchema[K] extends Variable<infer T> ? T : never;
};

export interface ConfigDefinition<TSchema extends Record<string, Variable<unknown>>> {
  /** Every environment variable this configuration reads, for the Terraform contract test. */
  readonly variables: readonly string[];
  /** Reads every variable once; the result is frozen. Throws {@link ConfigError}. */
  load(env?: Environment): ConfigOf<TSchema>;
}

/**
 * Declares a trigger's configuration: environment variables in, a typed, frozen object out.
 * Read it once, at module load, so that a wrong value fails the cold start and names the variable.
 *
 * @example
 * const config = defineConfig({
 *   appName: env.string('APP_NAME'),
 *   locale: env.string('DEFAULT_LOCALE', { default: 'en' }),
 * });
 * const { appName } = config.load(process.env);
 */
export function defineConfig<TSchema extends Record<string, Variable<unknown>>>(
  schema: TSchema,
): ConfigDefinition<TSchema> {
  return {
    variables: Object.freeze(Object.values(schema).map((variable) => variable.name)),
    load(environment = process.env) {
      const config: Record<string, unknown> = {};
      for (const [key, variable] of Object.entries(schema)) {
        config[key] = deepFreeze(variable.read(environment));
      }
      return Object.freeze(config) as ConfigOf<TSchema>;
    },
  };
}

interface Optional<T> {
  /** Used when the variable is unset or empty; without it the variable is required. */
  default?: T;
}

/** Constructors of {@link Variable}s for the usual shapes of value. */
export const env = {
  /** A non-empty string (surrounding white space trimmed). */
  string(name: string, options: Optional<string> = {}): Variable<string> {
    return variable(name, options, (raw) => raw);
  },

  /** A string that may be absent. */
  optionalString(name: string): Variable<string | undefined> {
    return variable<string | undefined>(name, { default: undefined }, (raw) => raw);
  },

  /** `true`/`false` (also `1`/`0`, `yes`/`no`), case-insensitive. */
  boolean(name: string, options: Optional<boolean> = {}): Variable<boolean> {
    return variable(name, options, (raw) => {
      const value = raw.toLowerCase();
      if (['true', '1', 'yes'].includes(value)) return true;
      if (['false', '0', 'no'].includes(value)) return false;
      throw new ConfigError(name, `expected true or false, got "${raw}"`);
    });
  },

  /** A whole number, optionally within bounds. */
  integer(
    name: string,
    options: Optional<number> & { min?: number; max?: number } = {},
  ): Variable<number> {
    return variable(name, options, (raw) => {
      const value = Number(raw);
      if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(value)) {
        throw new ConfigError(name, `expected a whole number, got "${raw}"`);
      }
      if (options.min !== undefined && value < options.min) {
        throw new ConfigError(name, `must be at least ${options.min}, got ${value}`);
      }
      if (options.max !== undefined && value > options.max) {
        throw new ConfigError(name, `must be at most ${options.max}, got ${value}`);
      }
      return value;
    });
  },

  /** One of a closed set of values. */
  oneOf<const T extends string>(
    name: string,
    values: readonly T[],
    options: Optional<T> = {},
  ): Variable<T> {
    return variable(name, options, (raw) => {
      if ((values as readonly string[]).includes(raw)) return raw as T;
      throw new ConfigError(name, `expected one of ${values.join(', ')}, got "${raw}"`);
    });
  },

  /**
   * A comma-separated list; blanks between commas are ignored. `item` parses each entry and
   * throws for a bad one; its message is reported with the variable and the entry.
   */
  list<T = string>(
    name: string,
    options: Optional<readonly T[]> & { item?: (entry: string) => T } = {},
  ): Variable<readonly T[]> {
    return variable(name, options, (raw) => {
      const entries = raw
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry.length > 0);
      if (entries.length === 0) throw new ConfigError(name, 'is an empty list');
      const item = options.item ?? ((entry: string) => entry as T);
      return entries.map((entry) => wrap(name, `entry "${entry}": `, () => item(entry)));
    });
  },

  /**
   * Any other shape: `parse` turns the trimmed text into a value and throws for a bad one; its
   * message is reported with the variable's name.
   */
  custom<T>(name: string, parse: (raw: string) => T, options: Optional<T> = {}): Variable<T> {
    return variable(name, options, (raw) => wrap(name, '', () => parse(raw)));
  },

  /** A JSON document, checked by `parse`, which throws for a wrong shape. */
  json<T>(name: string, parse: (value: unknown) => T, options: Optional<T> = {}): Variable<T> {
    return variable(name, options, (raw) => {
      const value = wrap(name, 'is not valid JSON: ', () => JSON.parse(raw) as unknown);
      return wrap(name, '', () => parse(value));
    });
  },
} as const;

function variable<T>(name: string, options: Optional<T>, parse: (raw: string) => T): Variable<T> {
  return {
    name,
    read(environment) {
      const raw = environment[name]?.trim();
      if (raw === undefined || raw.length === 0) {
        if ('default' in options) return options.default as T;
        throw new ConfigError(name, 'is required but not set');
      }
      return parse(raw);
    },
  };
}

function wrap<T>(name: string, prefix: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(name, `${prefix}${reason}`, { cause: error });
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
