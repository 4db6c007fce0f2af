import type { Metadata } from 'next';
import { UsersAdmin } from '../../../../components/admin/users-admin';
import { PageHeader } from '../../../../components/ui/page-header';
import { listUsers } from '../../../../db/queries/list-users';
import { getAuthServices } from '../../../_lib/auth/auth-services';
import { requirePagePrincipal } from '../../../_lib/auth/page-principal';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const principal = await requirePagePrincipal('admin', '/admin/users');
  const users = await listUsers(getAuthServices().engine.db);
  return (
    <div className="stack">
      <PageHeader title="Users" subtitle="People who sign in to the console, and their roles" />
      <UsersAdmin
        selfId={principal.id}
        users={users.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() }))}
      />
    </div>
  );
}
