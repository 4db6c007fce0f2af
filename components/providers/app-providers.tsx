'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Toaster } from 'sonner';
import { ApiError } from '../api/api-error';
import { LiveUpdatesProvider } from '../live/live-updates';
import { useResolvedTheme } from '../theme/theme-preference';

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Freshness comes from the live stream (it invalidates); this only avoids refetching on mount.
        staleTime: 15_000,
        retry: (failures, error) => {
          const clientError = error instanceof ApiError && error.status >= 400 && error.status < 500;
          return !clientError && failures < 2;
        },
      },
    },
  });
}

/** react-query, live updates and toasts for every page. */
export function AppProviders({ children }: { children: ReactNode }) {
  const [client] = useState(makeQueryClient);
  const theme = useResolvedTheme();
  return (
    <QueryClientProvider client={client}>
      <LiveUpdatesProvider>{children}</LiveUpdatesProvider>
      <Toaster theme={theme} position="bottom-right" richColors closeButton duration={6_000} />
    </QueryClientProvider>
  );
}
