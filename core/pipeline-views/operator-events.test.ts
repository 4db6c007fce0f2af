import { describe, expect, it } from 'vitest';
import { documentReviewMachine } from '../../pipelines/document-review/document-review.machine';
import { helloEtlMachine } from '../../pipelines/hello-etl/hello-etl.machine';
import { operatorEvents } from './operator-events';

describe('operatorEvents', () => {
  it("lists the events people send, without step outcomes, internals or 'cancel'", () => {
    expect(operatorEvents(documentReviewMachine)).toEqual(['approve', 'reject']);
  });

  it('is empty for a machine driven by its steps only', () => {
    expect(operatorEvents(helloEtlMachine)).toEqual([]);
  });
});
