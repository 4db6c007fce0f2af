'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { toast } from 'sonner';
import { apiRoutes } from '../../contracts/api-routes';
import type { FieldError } from '../../contracts/error-codes';
import { callApi } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { queryKeys } from '../api/query-keys';
import {
  type FormField,
  type FormValues,
  formFields,
  formInput,
  initialFormValues,
} from './schema-form-fields';

const ROOT = '(root)';

function FieldInput({
  field,
  id,
  value,
  error,
  onChange,
}: {
  field: FormField;
  id: string;
  value: string | boolean;
  error?: string;
  onChange: (value: string | boolean) => void;
}) {
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const common = {
    id,
    name: field.name,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
  } as const;
  const hint = [
    field.required ? 'required' : 'optional',
    field.defaultValue !== undefined ? `default ${JSON.stringify(field.defaultValue)}` : '',
    field.minimum !== undefined || field.maximum !== undefined
      ? `${field.minimum ?? '…'}–${field.maximum ?? '…'}`
      : '',
    field.maxLength !== undefined ? `≤ ${field.maxLength} chars` : '',
  ]
    .filter(Boolean)
    .join(' · ');

  let control: ReactNode;
  switch (field.kind) {
    case 'boolean':
      control = (
        <label className="checkbox" htmlFor={id}>
          <input
            {...common}
            type="checkbox"
            checked={value === true}
            onChange={(e) => onChange(e.target.checked)}
          />
          {field.label}
        </label>
      );
      break;
    case 'enum':
      control = (
        <select
          {...common}
          className="select"
          value={String(value)}
          onChange={(e) => onChange(e.target.value)}
        >
          {!field.required && <option value="">(default)</option>}
          {field.options?.map((option, index) => (
            <option key={option.label} value={String(index)}>
              {option.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'json':
      control = (
        <textarea
          {...common}
          className="textarea mono"
          rows={3}
          value={String(value)}
          onChange={(e) => onChange(e.target.value)}
          placeholder="JSON"
        />
      );
      break;
    default:
      control = (
        <input
          {...common}
          className={field.kind === 'text' ? 'input' : 'input mono'}
          type={field.kind === 'text' ? 'text' : 'number'}
          inputMode={field.kind === 'integer' ? 'numeric' : field.kind === 'number' ? 'decimal' : undefined}
          step={field.kind === 'integer' ? 1 : field.kind === 'number' ? 'any' : undefined}
          value={String(value)}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }
  return (
    <div className="field">
      {field.kind !== 'boolean' && (
        <label htmlFor={id}>
          {field.label}
          {field.required && <span aria-hidden="true"> *</span>}
        </label>
      )}
      {control}
      <span id={`${id}-hint`} className="hint">
        <code>{field.name}</code> · {hint}
        {field.description ? ` — ${field.description}` : ''}
      </span>
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/**
 * "Start run": a form generated from the pipeline's input JSON Schema. The server validates with the
 * pipeline's own schema and its field errors are shown under the fields they belong to.
 */
export function StartRunForm({
  pipelineId,
  inputSchema,
}: {
  pipelineId: string;
  inputSchema: Record<string, unknown>;
}) {
  const router = useRouter();
  const client = useQueryClient();
  const id = useId();
  const fields = formFields(inputSchema);
  const [values, setValues] = useState<FormValues>(() =>
    fields ? initialFormValues(fields) : { input: '{}' },
  );
  const [key, setKey] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formErrors, setFormErrors] = useState<FieldError[]>([]);

  /** Keyboard and screen-reader users land on the first field to fix. */
  const focusFirstInvalid = (names: string[]) => {
    const first = fields?.find((field) => names.includes(field.name));
    if (first) requestAnimationFrame(() => document.getElementById(`${id}-${first.name}`)?.focus());
  };

  const start = useMutation({
    mutationFn: (input: unknown) =>
      callApi(apiRoutes.startRun, {
        body: { pipelineId, input, ...(key.trim() ? { idempotencyKey: key.trim() } : {}) },
      }),
    onSuccess: ({ run, created }) => {
      void client.invalidateQueries({ queryKey: queryKeys.runs });
      if (created) toast.success(`Run ${run.id.slice(0, 8)} started in ${run.state}`);
      else toast.info(`A run with this idempotency key exists: ${run.id.slice(0, 8)} (${run.status})`);
      router.push(`/runs/${run.id}`);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.fields.length) {
        const byField: Record<string, string> = {};
        const rest: FieldError[] = [];
        for (const fieldError of error.fields) {
          const name = fieldError.path.split('.')[0] ?? ROOT;
          if (fields?.some((f) => f.name === name) && !byField[name]) byField[name] = fieldError.message;
          else rest.push(fieldError);
        }
        setErrors(byField);
        setFormErrors(rest);
        focusFirstInvalid(Object.keys(byField));
        toast.error('The input was not accepted', { description: error.message });
        return;
      }
      setFormErrors([{ path: ROOT, message: error.message }]);
      toast.error('Could not start the run', { description: error.message });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormErrors([]);
    if (!fields) {
      try {
        start.mutate(JSON.parse(String(values.input ?? '{}')));
        setErrors({});
      } catch {
        setErrors({ input: 'Enter valid JSON' });
      }
      return;
    }
    const { input, errors: local } = formInput(fields, values);
    setErrors(local);
    focusFirstInvalid(Object.keys(local));
    if (Object.keys(local).length === 0) start.mutate(input);
  };

  return (
    <form className="form-stack" onSubmit={submit} noValidate aria-label="Start run">
      {formErrors.length > 0 && (
        <div className="alert" role="alert">
          <ul style={{ margin: 0, paddingLeft: 16 }}>
            {formErrors.map((e) => (
              <li key={`${e.path}:${e.message}`}>
                {e.path !== ROOT && <code>{e.path}</code>} {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {fields ? (
        fields.map((field) => (
          <FieldInput
            key={field.name}
            field={field}
            id={`${id}-${field.name}`}
            value={values[field.name] ?? ''}
            error={errors[field.name]}
            onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
          />
        ))
      ) : (
        <FieldInput
          field={{ name: 'input', label: 'Input (JSON)', kind: 'json', required: true }}
          id={`${id}-input`}
          value={values.input ?? '{}'}
          error={errors.input}
          onChange={(value) => setValues({ input: value })}
        />
      )}
      <div className="field">
        <label htmlFor={`${id}-key`}>Idempotency key</label>
        <input
          id={`${id}-key`}
          className="input mono"
          value={key}
          maxLength={200}
          onChange={(e) => setKey(e.target.value)}
          aria-describedby={`${id}-key-hint`}
        />
        <span id={`${id}-key-hint`} className="hint">
          optional · the same key returns the existing run instead of starting another
        </span>
      </div>
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={start.isPending}>
          {start.isPending ? 'Starting…' : 'Start run'}
        </button>
      </div>
    </form>
  );
}
