import type { Metadata } from 'next';
import { UsersAdmin } from '../../../../components/admin/users-admin';
import { PageHeader } from '../../../../components/ui/page-header';
import { listUsers } from '../../../../core/auth/users/list-users';
import { requirePagePrincipal } from '../../../_lib/auth/page-principal';
import { getEngine } from '../../../_lib/engine';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const principal = await requirePagePrincipal('admin', '/admin/users');
  const users = await listUsers(getEngine(), principal);
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
