// A small JSON Schema (2020-12) checker for the keywords docs/attestation.schema.json uses:
// type, const, required, properties, additionalProperties: false, items, minItems,
// uniqueItems, pattern, minLength, minimum and local $ref. Any other keyword is an error here,
// so the schema cannot grow a rule this checker silently ignores.
type Schema = Record<string, unknown>;

const KNOWN = new Set(['$schema', '$id', 'title', 'description', '$defs', 'type', 'const', 'required', 'properties', 'additionalProperties', 'items', 'minItems', 'uniqueItems', 'pattern', 'minLength', 'minimum', '$ref']);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

export function schemaErrors(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  const resolve = (ref: string): Schema => {
    const match = /^#\/\$defs\/(.+)$/.exec(ref);
    const found = match ? (root['$defs'] as Record<string, Schema> | undefined)?.[match[1] as string] : undefined;
    if (!found) throw new Error(`unknown $ref ${ref}`);
    return found;
  };
  const check = (schema: Schema, v: unknown, path: string): void => {
    for (const key of Object.keys(schema)) if (!KNOWN.has(key)) throw new Error(`schema keyword ${key} at ${path} is not supported by this checker`);
    if (typeof schema['$ref'] === 'string') return check(resolve(schema['$ref']), v, path);
    if ('const' in schema && JSON.stringify(schema['const']) !== JSON.stringify(v)) errors.push(`${path}: expected ${JSON.stringify(schema['const'])}, got ${JSON.stringify(v)}`);
    const type = schema['type'] as string | undefined;
    const actual = typeOf(v);
    if (type && !(actual === type || (type === 'number' && actual === 'integer'))) {
      errors.push(`${path}: expected ${type}, got ${actual}`);
      return;
    }
    if (typeof v === 'string') {
      if (typeof schema['minLength'] === 'number' && v.length < schema['minLength']) errors.push(`${path}: shorter than ${schema['minLength']}`);
      if (typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern'], 'u').test(v)) errors.push(`${path}: ${JSON.stringify(v)} does not match ${schema['pattern']}`);
    }
    if (typeof v === 'number' && typeof schema['minimum'] === 'number' && v < schema['minimum']) errors.push(`${path}: below ${schema['minimum']}`);
    if (Array.isArray(v)) {
      if (typeof schema['minItems'] === 'number' && v.length < schema['minItems']) errors.push(`${path}: fewer than ${schema['minItems']} items`);
      if (schema['uniqueItems'] === true && new Set(v.map((i) => JSON.stringify(i))).size !== v.length) errors.push(`${path}: items are not unique`);
      if (schema['items']) v.forEach((item, i) => check(schema['items'] as Schema, item, `${path}[${i}]`));
    }
    if (actual === 'object') {
      const obj = v as Record<string, unknown>;
      for (const name of (schema['required'] as string[] | undefined) ?? []) if (!(name in obj)) errors.push(`${path}: missing ${name}`);
      const props = (schema['properties'] as Record<string, Schema> | undefined) ?? {};
      for (const [name, item] of Object.entries(obj)) {
        if (props[name]) check(props[name], item, `${path}.${name}`);
        else if (schema['additionalProperties'] === false) errors.push(`${path}: unexpected ${name}`);
      }
    }
  };
  check(root, value, '$');
  return errors;
}
