"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";

const MAX_RETRIES = 3;

/** Any thrown error with a numeric `status` (e.g. an API client's HTTP error) counts as an HTTP failure. */
function httpStatus(error: unknown): number | undefined {
  if (typeof error === "object" && error !== null && "status" in error) {
    return typeof error.status === "number" ? error.status : undefined;
  }
  return undefined;
}

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failureCount, error) => {
          const status = httpStatus(error);
          // 4xx won't succeed on retry (bad input, unauthenticated, forbidden, not found).
          if (status !== undefined && status >= 400 && status < 500) return false;
          return failureCount < MAX_RETRIES;
        },
      },
    },
  });
}

export function QueryProvider({ children }: { children: ReactNode }) {
  // useState, not a module-level client, so server renders never share a cache between requests.
  const [queryClient] = useState(makeQueryClient);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
