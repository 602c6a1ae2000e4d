"use client";

import { CircleAlert, CircleCheck, X } from "lucide-react";
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";

import { cn } from "@/lib/utils";

export interface ToastInput {
  title: string;
  description?: string;
  variant?: "success" | "error";
}

interface Toast extends ToastInput {
  id: number;
}

const ToastContext = createContext<((toast: ToastInput) => void) | null>(null);

const VISIBLE_MS = 5_000;

/**
 * Short confirmations after an action ("2 alerts acknowledged"), announced politely (errors
 * assertively) and gone after a few seconds; each can be closed by hand. One provider in the app
 * shell; components call `useToast()`.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const show = useCallback(
    (toast: ToastInput) => {
      const id = next.current++;
      setToasts((list) => [...list.slice(-2), { ...toast, id }]);
      setTimeout(() => dismiss(id), VISIBLE_MS);
    },
    [dismiss],
  );
  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 sm:items-end">
        <div role="status" aria-live="polite" className="contents">
          {toasts.filter((t) => t.variant !== "error").map((t) => <ToastCard key={t.id} toast={t} onClose={() => dismiss(t.id)} />)}
        </div>
        <div role="alert" aria-live="assertive" className="contents">
          {toasts.filter((t) => t.variant === "error").map((t) => <ToastCard key={t.id} toast={t} onClose={() => dismiss(t.id)} />)}
        </div>
      </div>
    </ToastContext.Provider>
  );
}

function ToastCard({ toast, onClose }: { toast: Toast; onClose: () => void }) {
  const Icon = toast.variant === "error" ? CircleAlert : CircleCheck;
  return (
    <div
      data-testid="toast"
      className={cn(
        "pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-lg border bg-background p-3 text-sm shadow-lg",
        toast.variant === "error" ? "border-destructive/50" : "border-success/40",
      )}
    >
      <Icon aria-hidden="true" className={cn("mt-0.5 size-4 shrink-0", toast.variant === "error" ? "text-destructive" : "text-success")} />
      <div className="grid flex-1 gap-0.5">
        <p className="font-medium">{toast.title}</p>
        {toast.description ? <p className="text-muted-foreground">{toast.description}</p> : null}
      </div>
      <button type="button" onClick={onClose} aria-label="Dismiss" className="rounded-sm text-muted-foreground hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-hidden">
        <X aria-hidden="true" className="size-4" />
      </button>
    </div>
  );
}

/** Shows a toast; outside a provider it does nothing rather than break the page. */
export function useToast(): (toast: ToastInput) => void {
  return useContext(ToastContext) ?? noop;
}

const noop = () => undefined;
