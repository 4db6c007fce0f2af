/**
 * The file cannot be ingested as a whole (not CSV, no header, not a FHIR Bundle...). Its message
 * says what is wrong and where, never what the file contains: it is stored with the step attempt
 * and shown in the console.
 */
export class MalformedFile extends Error {
  override readonly name = 'MalformedFile';
}
