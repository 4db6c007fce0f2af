import type { Metadata } from 'next';
import { TokensAdmin } from '../../../../components/admin/tokens-admin';
import { PageHeader } from '../../../../components/ui/page-header';
import { listApiTokens } from '../../../../core/auth/tokens/list-api-tokens';
import { requirePagePrincipal } from '../../../_lib/auth/page-principal';
import { getEngine } from '../../../_lib/engine';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'API tokens' };

export default async function TokensPage() {
  const principal = await requirePagePrincipal('admin', '/admin/tokens');
  const tokens = await listApiTokens(getEngine(), principal);
  return (
    <div className="stack">
      <PageHeader title="API tokens" subtitle="For scripts and machines: sent as Authorization: Bearer" />
      <TokensAdmin
        tokens={tokens.map((t) => ({
          ...t,
          createdAt: t.createdAt.toISOString(),
          lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
          revokedAt: t.revokedAt?.toISOString() ?? null,
        }))}
      />
    </div>
  );
}
