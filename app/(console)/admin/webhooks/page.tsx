import type { Metadata } from 'next';
import { WebhooksAdmin } from '../../../../components/alerts/webhooks-admin';
import { PageHeader } from '../../../../components/ui/page-header';
import { listWebhooks } from '../../../../core/alerts/webhooks/list-webhooks';
import { requirePagePrincipal } from '../../../_lib/auth/page-principal';
import { getEngine } from '../../../_lib/engine';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Alerts' };

export default async function WebhooksPage() {
  const principal = await requirePagePrincipal('admin', '/admin/webhooks');
  const engine = getEngine();
  const webhooks = await listWebhooks(engine, principal);
  const pipelines = engine.registry.list().map((p) => ({ id: p.id, title: p.title }));
  return (
    <div className="stack">
      <PageHeader
        title="Alerts"
        subtitle="Outgoing webhooks: signed JSON or Slack messages with ids, names, states, counts and links — never payloads"
      />
      <WebhooksAdmin webhooks={webhooks} pipelines={pipelines} />
    </div>
  );
}
