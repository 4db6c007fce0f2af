import { ALERT_EVENT_LABELS } from '../../contracts/alerts';
import type { AlertKind, WebhookFormat } from '../../db/schema';
import { type AlertFacts, describeAlert } from './alert-facts';

/** One delivery as the receiver gets it. */
export interface AlertMessage {
  deliveryId: number;
  kind: AlertKind;
  createdAt: Date;
  facts: AlertFacts;
}

export interface RenderContext {
  /** Where people reach the console (PUBLIC_URL), for the links. */
  consoleUrl: string;
  /** A pipeline's title by id (its id when unknown). */
  pipelineName: (id: string) => string;
}

/** Console links of what the alert is about. */
export function alertLinks(facts: AlertFacts, consoleUrl: string): Record<string, string> {
  const base = consoleUrl.replace(/\/+$/, '');
  const pipelineId = facts.run?.pipelineId ?? facts.problem?.pipelineId;
  return {
    console: `${base}/`,
    ...(pipelineId && { pipeline: `${base}/pipelines/${encodeURIComponent(pipelineId)}` }),
    ...(facts.run && { run: `${base}/runs/${encodeURIComponent(facts.run.id)}` }),
    ...(facts.problem && { problem: `${base}/problems/${facts.problem.id}` }),
  };
}

/** The generic JSON body: the kind, a one-line summary, the facts, and links into the console. */
function genericBody(message: AlertMessage, context: RenderContext): Record<string, unknown> {
  const { facts } = message;
  const pipelineId = facts.run?.pipelineId ?? facts.problem?.pipelineId;
  return {
    id: message.deliveryId,
    kind: message.kind,
    title: ALERT_EVENT_LABELS[message.kind],
    summary: describeAlert(message.kind, facts, context.pipelineName),
    occurredAt: message.createdAt.toISOString(),
    ...(pipelineId && { pipeline: { id: pipelineId, name: context.pipelineName(pipelineId) } }),
    ...(facts.run && { run: facts.run }),
    ...(facts.problem && { problem: facts.problem }),
    ...(facts.thresholdMinutes !== undefined && { thresholdMinutes: facts.thresholdMinutes }),
    ...(facts.workers && { workers: facts.workers }),
    ...(facts.webhook && { webhook: facts.webhook }),
    links: alertLinks(facts, context.consoleUrl),
  };
}

/** Slack's `&`, `<`, `>` escaping for mrkdwn text. */
const slackEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A Slack incoming-webhook body: `text` (notifications) and blocks with the links as buttons. */
function slackBody(message: AlertMessage, context: RenderContext): Record<string, unknown> {
  const summary = describeAlert(message.kind, message.facts, context.pipelineName);
  const links = alertLinks(message.facts, context.consoleUrl);
  const buttons = (['problem', 'run', 'pipeline'] as const)
    .filter((name) => links[name])
    .map((name) => ({
      type: 'button',
      text: { type: 'plain_text', text: `Open ${name}` },
      url: links[name],
    }));
  return {
    // The notification's text; the summary names what happened already.
    text: summary,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `*${ALERT_EVENT_LABELS[message.kind]}*\n${slackEscape(summary)}` },
      },
      ...(buttons.length > 0 ? [{ type: 'actions', elements: buttons }] : []),
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `Signalbox alert ${message.deliveryId} · ${message.createdAt.toISOString()} · <${links.console}|console>`,
          },
        ],
      },
    ],
  };
}

/** The request body for a webhook of `format`, as the exact string that is signed and sent. */
export function renderAlertBody(
  format: WebhookFormat,
  message: AlertMessage,
  context: RenderContext,
): string {
  return JSON.stringify(format === 'slack' ? slackBody(message, context) : genericBody(message, context));
}
