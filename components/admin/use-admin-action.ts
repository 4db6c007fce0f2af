'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';

/**
 * One admin action at a time: `run` marks the page busy, performs the action (which returns the
 * success message), toasts it and refreshes the server-rendered data. A failure goes to the form's
 * alert (`'form'`) or to a toast (`'toast'`, for actions started from a table row).
 */
export function useAdminAction() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<string>, errors: 'form' | 'toast'): Promise<void> {
    setPending(true);
    if (errors === 'form') setError(null);
    try {
      toast.success(await action());
      router.refresh();
    } catch (e) {
      const message = (e as Error).message;
      if (errors === 'form') setError(message);
      else toast.error(message);
    } finally {
      setPending(false);
    }
  }

  return { pending, error, run };
}
