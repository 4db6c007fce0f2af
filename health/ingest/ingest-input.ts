import { z } from 'zod';

/** Input of an ingestion run: the stored file (see `submitIngestFile`, which builds it). */
export const IngestInputSchema = z.object({
  file: z.object({
    id: z.uuid('file.id must be the id of a stored file'),
    name: z.string().trim().min(1, 'file.name is required').max(255),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'file.sha256 must be a hex SHA-256'),
    bytes: z.number().int().min(0),
  }),
});
