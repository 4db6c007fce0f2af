import { AppError, type FieldError } from '../core/errors';
import { CliError } from './context';
import { buildProgram } from './program';

const program = buildProgram();

function explain(error: unknown): { message: string; code: number } {
  if (error instanceof CliError) return { message: error.message, code: error.exitCode };
  if (error instanceof AppError) {
    const fields = (error.details as { fields?: FieldError[] } | undefined)?.fields ?? [];
    const lines = [error.message, ...fields.map((f) => `  ${f.path}: ${f.message}`)];
    return { message: lines.join('\n'), code: error.status < 500 ? 2 : 1 };
  }
  return { message: error instanceof Error ? error.message : String(error), code: 1 };
}

try {
  await program.parseAsync(process.argv);
  process.exit(process.exitCode ?? 0);
} catch (error) {
  const { message, code } = explain(error);
  process.stderr.write(`signalbox: ${message}\n`);
  process.exit(code);
}
