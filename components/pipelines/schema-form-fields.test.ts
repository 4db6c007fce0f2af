import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HelloEtlInputSchema } from '../../pipelines/hello-etl/hello-etl.pipeline';
import { formFields, formInput, humanize, initialFormValues } from './schema-form-fields';

const helloSchema = z.toJSONSchema(HelloEtlInputSchema, { io: 'input' }) as Record<string, unknown>;

describe('formFields', () => {
  it("derives one field per property of a pipeline's input schema", () => {
    const fields = formFields(helloSchema)!;
    expect(fields.map((f) => [f.name, f.label, f.kind, f.required])).toEqual([
      ['source', 'Source', 'text', true],
      ['rows', 'Rows', 'integer', false],
      ['simulateFailures', 'Simulate failures', 'integer', false],
      ['stepDelayMs', 'Step delay (ms)', 'integer', false],
    ]);
    expect(fields[1]).toMatchObject({ defaultValue: 100, minimum: 0, maximum: 1_000_000 });
    expect(fields[0]).toMatchObject({ minLength: 1, maxLength: 200 });
  });

  it('maps enums, booleans, nullable types and nested values', () => {
    const schema = z.toJSONSchema(
      z.object({
        mode: z.enum(['fast', 'safe']).default('safe'),
        dryRun: z.boolean().optional(),
        note: z.string().nullable(),
        tags: z.array(z.string()).optional(),
      }),
      { io: 'input' },
    ) as Record<string, unknown>;
    const fields = formFields(schema)!;
    expect(fields.map((f) => f.kind)).toEqual(['enum', 'boolean', 'text', 'json']);
    expect(fields[0]!.options).toEqual([
      { label: 'fast', value: 'fast' },
      { label: 'safe', value: 'safe' },
    ]);
    expect(initialFormValues(fields)).toEqual({ mode: '1', dryRun: false, note: '', tags: '' });
  });

  it('gives up on schemas that are not objects with properties', () => {
    expect(formFields({ type: 'array' })).toBeNull();
    expect(formFields({})).toBeNull();
  });
});

describe('formInput', () => {
  const fields = formFields(helloSchema)!;

  it('converts the texts to typed input and leaves empty optional fields to the defaults', () => {
    const values = { ...initialFormValues(fields), source: 'a.csv', rows: '12', stepDelayMs: '' };
    expect(formInput(fields, values)).toEqual({
      input: { source: 'a.csv', rows: 12, simulateFailures: 0 },
      errors: {},
    });
  });

  it('sends an empty required text so the server explains what is missing', () => {
    expect(formInput(fields, { source: '', rows: '' }).input).toEqual({ source: '' });
  });

  it('reports only values that cannot be sent at all', () => {
    expect(formInput(fields, { source: 'x', rows: 'many' }).errors).toEqual({ rows: 'Enter a number' });
    const json = formFields({ type: 'object', properties: { meta: { type: 'object' } } })!;
    expect(formInput(json, { meta: '{broken' }).errors).toEqual({ meta: 'Enter valid JSON' });
    expect(formInput(json, { meta: '{"a":1}' }).input).toEqual({ meta: { a: 1 } });
  });
});

describe('humanize', () => {
  it.each([
    ['source', 'Source'],
    ['documentId', 'Document id'],
    ['stepDelayMs', 'Step delay (ms)'],
    ['max_rows', 'Max rows'],
  ])('%s → %s', (name, label) => {
    expect(humanize(name)).toBe(label);
  });
});
