import { describe, expect, it } from 'vitest';
import { describeAlert, formatMinutes } from './alert-facts';
import { renderAlertBody } from './render-alert-body';

const context = { consoleUrl: 'https://sb.example.test/', pipelineName: (id: string) => `<${id}> & co` };
const createdAt = new Date('2026-12-01T10:00:00Z');

describe('alert bodies', () => {
  it('renders a generic body without the parts an alert does not have', () => {
    const body = JSON.parse(
      renderAlertBody(
        'generic',
        {
          deliveryId: 7,
          kind: 'no_live_worker',
          createdAt,
          facts: { workers: { lastHeartbeatAt: null, silentSeconds: 75 } },
        },
        context,
      ),
    );
    expect(body).toEqual({
      id: 7,
      kind: 'no_live_worker',
      title: 'No live worker',
      summary: 'No live worker for 75 s: no step runs until a worker is back',
      occurredAt: '2026-12-01T10:00:00.000Z',
      workers: { lastHeartbeatAt: null, silentSeconds: 75 },
      links: { console: 'https://sb.example.test/' },
    });
  });

  it("escapes Slack's markup characters and links the run, its problem and its pipeline", () => {
    const body = JSON.parse(
      renderAlertBody(
        'slack',
        {
          deliveryId: 8,
          kind: 'problem_opened',
          createdAt,
          facts: {
            run: { id: 'r1', pipelineId: 'p', pipelineVersion: 1, failedState: 's' },
            problem: {
              id: 3,
              pipelineId: 'p',
              failedState: 's',
              errorName: 'TypeError',
              occurrences: 1,
              reopenCount: 0,
            },
          },
        },
        context,
      ),
    );
    expect(body.text).toBe('Problem opened #3: <p> & co failed in s (TypeError)');
    expect(body.blocks[0].text.text).toBe(
      '*Problem opened*\nProblem opened #3: &lt;p&gt; &amp; co failed in s (TypeError)',
    );
    expect(body.blocks[1].elements.map((e: { url: string }) => e.url)).toEqual([
      'https://sb.example.test/problems/3',
      'https://sb.example.test/runs/r1',
      'https://sb.example.test/pipelines/p',
    ]);
  });

  it('says thresholds in the unit people use', () => {
    expect([45, 90, 1440, 2880].map(formatMinutes)).toEqual(['45 min', '1.5 h', '1 d', '2 d']);
    expect(
      describeAlert('run_waiting', {
        run: { id: 'abcdef0123', pipelineId: 'p', pipelineVersion: 1, state: 'awaiting' },
        thresholdMinutes: 1440,
      }),
    ).toBe('Run abcdef01 of p has waited in awaiting for over 1 d');
  });
});
