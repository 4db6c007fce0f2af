'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent, useId, useRef, useState } from 'react';
import { toast } from 'sonner';
import { apiRoutes } from '../../contracts/api-routes';
import { callApi } from '../api/api-client';
import { queryKeys } from '../api/query-keys';
import { formatBytes } from './ingest-format';
import { uploadContentType } from './upload-content-type';

/**
 * "Upload file" for a pipeline that ingests files: sends the file as it is (the browser streams it)
 * and opens the run. The same content uploaded again opens the run it started the first time.
 */
export function UploadFileForm({ pipelineId, maxBytes }: { pipelineId: string; maxBytes: number }) {
  const router = useRouter();
  const client = useQueryClient();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);

  const upload = useMutation({
    mutationFn: (chosen: File) =>
      callApi(apiRoutes.uploadFile, {
        params: { id: pipelineId },
        query: { fileName: chosen.name },
        file: chosen,
        contentType: uploadContentType(chosen),
      }),
    onSuccess: ({ run, created }, chosen) => {
      void client.invalidateQueries({ queryKey: queryKeys.runs });
      if (created) toast.success(`${chosen.name} uploaded: run ${run.id.slice(0, 8)} started`);
      else
        toast.info(
          `${chosen.name} was uploaded before: opening its run ${run.id.slice(0, 8)} (${run.status})`,
        );
      router.push(`/runs/${run.id}`);
    },
    onError: (failure) => {
      setError(failure.message);
      toast.error('The upload failed', { description: failure.message });
      input.current?.focus();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!file) {
      setError('Choose a file to upload.');
      input.current?.focus();
      return;
    }
    if (file.size === 0) {
      setError(`${file.name} is empty.`);
      return;
    }
    if (file.size > maxBytes) {
      setError(
        `${file.name} is ${formatBytes(file.size)}; files up to ${formatBytes(maxBytes)} can be uploaded.`,
      );
      return;
    }
    upload.mutate(file);
  };

  return (
    <form className="form-stack" onSubmit={submit} noValidate aria-label="Upload file">
      {error && (
        <div className="alert" role="alert">
          <p id={`${id}-error`}>{error}</p>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-file`}>File</label>
        <input
          ref={input}
          id={`${id}-file`}
          name="file"
          type="file"
          className="file-input"
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setError(null);
          }}
        />
        <span id={`${id}-hint`} className="hint">
          up to {formatBytes(maxBytes)} · the same content uploaded again opens its first run
        </span>
      </div>
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={upload.isPending}>
          {upload.isPending ? 'Uploading…' : 'Upload'}
        </button>
        {file && !upload.isPending && <span className="faint">{formatBytes(file.size)}</span>}
      </div>
    </form>
  );
}
