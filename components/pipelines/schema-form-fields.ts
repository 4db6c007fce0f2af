/** One input of the "Start run" form, derived from a property of the pipeline's input JSON Schema. */
export interface FormField {
  name: string;
  label: string;
  kind: 'text' | 'integer' | 'number' | 'boolean' | 'enum' | 'json';
  required: boolean;
  defaultValue?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  /** For `enum`: the allowed values, shown as their JSON text when not strings. */
  options?: { label: string; value: unknown }[];
}

export type FormValues = Record<string, string | boolean>;

interface SchemaProperty {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: SchemaProperty[];
  default?: unknown;
  description?: string;
  title?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

/** `simulateFailures` → "Simulate failures", `stepDelayMs` → "Step delay (ms)", `documentId` → "Document id". */
export function humanize(name: string): string {
  const unit = /Ms$/.test(name) ? ' (ms)' : '';
  const words = name
    .replace(/Ms$/, '')
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1) + unit;
}

function enumValues(property: SchemaProperty): unknown[] | undefined {
  if (Array.isArray(property.enum)) return property.enum;
  if (Array.isArray(property.anyOf) && property.anyOf.every((option) => 'const' in option)) {
    return property.anyOf.map((option) => option.const);
  }
  return undefined;
}

function kindOf(property: SchemaProperty): FormField['kind'] {
  if (enumValues(property)) return 'enum';
  const types = (Array.isArray(property.type) ? property.type : [property.type]).filter(
    (t) => t && t !== 'null',
  );
  if (types.length !== 1) return 'json';
  switch (types[0]) {
    case 'string':
      return 'text';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'json';
  }
}

/**
 * The form fields for an object schema, in property order. Anything that is not a plain string, number,
 * boolean or enum becomes a JSON field. Returns null when the schema is not an object with properties
 * (the form then offers one JSON editor for the whole input).
 */
export function formFields(schema: Record<string, unknown>): FormField[] | null {
  const properties = schema.properties as Record<string, SchemaProperty> | undefined;
  if (schema.type !== 'object' || !properties || typeof properties !== 'object') return null;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  return Object.entries(properties).map(([name, property]) => {
    const kind = kindOf(property);
    const field: FormField = {
      name,
      label: property.title ?? humanize(name),
      kind,
      required: required.has(name),
    };
    if ('default' in property) field.defaultValue = property.default;
    if (property.description) field.description = property.description;
    for (const key of ['minimum', 'maximum', 'minLength', 'maxLength'] as const) {
      if (typeof property[key] === 'number') field[key] = property[key];
    }
    if (kind === 'enum') {
      field.options = enumValues(property)!.map((value) => ({
        label: typeof value === 'string' ? value : JSON.stringify(value),
        value,
      }));
    }
    return field;
  });
}

/** The form's starting values: each field's default, as the text its input shows. */
export function initialFormValues(fields: readonly FormField[]): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const value = field.defaultValue;
    if (field.kind === 'boolean') values[field.name] = value === true;
    else if (value === undefined) values[field.name] = '';
    else if (field.kind === 'enum')
      values[field.name] = String(field.options?.findIndex((o) => o.value === value) ?? '');
    else if (field.kind === 'json' || typeof value !== 'string') values[field.name] = JSON.stringify(value);
    else values[field.name] = value;
  }
  return values;
}

/**
 * The run input from the form's values. Empty optional fields are left out (the pipeline's defaults
 * apply); an empty required text is sent as "" so the server's own message ("source is required") is
 * shown. Only what cannot be sent at all is reported here (a number that is not one, broken JSON);
 * the pipeline's schema, on the server, has the last word.
 */
export function formInput(
  fields: readonly FormField[],
  values: FormValues,
): { input: Record<string, unknown>; errors: Record<string, string> } {
  const input: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const raw = values[field.name];
    if (field.kind === 'boolean') {
      input[field.name] = raw === true;
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') {
      if (field.required && field.kind === 'text') input[field.name] = '';
      continue;
    }
    switch (field.kind) {
      case 'text':
        input[field.name] = typeof raw === 'string' ? raw : '';
        break;
      case 'integer':
      case 'number': {
        const number = Number(text);
        if (Number.isNaN(number)) errors[field.name] = 'Enter a number';
        else input[field.name] = number;
        break;
      }
      case 'enum': {
        const option = field.options?.[Number(text)];
        if (option) input[field.name] = option.value;
        break;
      }
      case 'json':
        try {
          input[field.name] = JSON.parse(text);
        } catch {
          errors[field.name] = 'Enter valid JSON';
        }
        break;
    }
  }
  return { input, errors };
}
