"use client";

import { MessageSquarePlus, MessagesSquare, Send, Square, Trash2 } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";

import { useFormat } from "@/components/format-provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toaster";
import { ApiError, api } from "@/lib/api-client";
import { MAX_QUESTION_LENGTH } from "@/lib/assistant-schemas";
import type { ConversationView } from "@/lib/assistant-views";
import { cn } from "@/lib/utils";
import { AnswerCard, draftOf, emptyDraft, type AnswerDraft } from "./answer-card";
import { useConversations, useRefreshConversations } from "./assistant-queries";
import { streamAsk } from "./stream-ask";

interface Turn {
  key: string;
  question: string;
  draft: AnswerDraft;
}

function turnsOf(view: ConversationView): Turn[] {
  const turns: Turn[] = [];
  for (const m of view.messages) {
    if (m.role === "user") turns.push({ key: m.id, question: m.content, draft: { ...emptyDraft(), streaming: false, error: "No answer was saved for this question." } });
    else if (turns.length && m.answer) turns[turns.length - 1]!.draft = draftOf(m.answer);
  }
  return turns;
}

/**
 * The Ask page: conversations on the side, the open one in the middle, the question box at the
 * bottom. Answers stream in (plan, chart and table, then the words); everything works from the
 * keyboard: "/" focuses the question box, Enter asks, Escape stops an answer.
 */
export function AskView({
  org,
  currency,
  examples,
  canAsk,
  plannerNote,
  initialConversation,
  initialQuestion,
}: {
  org: string;
  currency: string;
  examples: string[];
  canAsk: boolean;
  plannerNote: string;
  /** The conversation named in the URL, loaded by the page. */
  initialConversation: ConversationView | null;
  initialQuestion: string | null;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const format = useFormat();
  const refreshConversations = useRefreshConversations(org);
  const [conversationId, setConversationId] = useState<string | null>(initialConversation?.id ?? null);
  const [turns, setTurns] = useState<Turn[]>(() => (initialConversation ? turnsOf(initialConversation) : []));
  const [loadingConversation, setLoadingConversation] = useState(false);
  const sequence = useRef(0);
  const [draft, setDraft] = useState(initialQuestion ?? "");
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const toast = useToast();
  const inputRef = useRef<HTMLInputElement>(null);
  const abortRef = useRef<AbortController | null>(null);
  const lastTurnRef = useRef<HTMLLIElement>(null);

  const conversations = useConversations(org);

  const open = useCallback(
    async (id: string | null) => {
      abortRef.current?.abort();
      setProblem(null);
      setConversationId(id);
      router.replace(id ? `${pathname}?c=${id}` : pathname, { scroll: false });
      if (!id) {
        setTurns([]);
        inputRef.current?.focus();
        return;
      }
      setLoadingConversation(true);
      try {
        setTurns(turnsOf(await api.get<ConversationView>(`/api/assistant/conversations/${id}`, { orgId: org })));
      } catch (error) {
        setTurns([]);
        setConversationId(null);
        setProblem(error instanceof ApiError && error.code === "NOT_FOUND" ? "That conversation no longer exists." : "Could not open the conversation.");
      } finally {
        setLoadingConversation(false);
      }
    },
    [org, pathname, router],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable);
      if (event.key === "/" && !typing) {
        event.preventDefault();
        inputRef.current?.focus();
      } else if (event.key === "Escape" && abortRef.current) {
        abortRef.current.abort();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // A new question scrolls to its top, so its answer streams in below it.
  useEffect(() => {
    lastTurnRef.current?.scrollIntoView({ block: "start", behavior: "smooth" });
  }, [turns.length]);

  const update = (key: string, change: (d: AnswerDraft) => AnswerDraft) =>
    setTurns((all) => all.map((t) => (t.key === key ? { ...t, draft: change(t.draft) } : t)));

  const ask = async (raw: string) => {
    const question = raw.trim();
    if (busy) return;
    if (!question) return setProblem("Type a question first.");
    if (question.length > MAX_QUESTION_LENGTH) return setProblem(`Keep the question under ${MAX_QUESTION_LENGTH} characters.`);
    setProblem(null);
    setNotice(null);
    const key = `turn-${++sequence.current}`;
    setTurns((all) => [...all, { key, question, draft: emptyDraft() }]);
    setDraft("");
    setBusy(true);
    const controller = new AbortController();
    abortRef.current = controller;
    try {
      await streamAsk(
        org,
        { question, ...(conversationId ? { conversationId } : {}) },
        (e) => {
          switch (e.event) {
            case "start":
              update(key, (d) => ({ ...d, planner: e.data.planner }));
              if (e.data.conversationId !== conversationId) {
                setConversationId(e.data.conversationId);
                router.replace(`${pathname}?c=${e.data.conversationId}`, { scroll: false });
              }
              break;
            case "plan":
              update(key, (d) => ({ ...d, plan: e.data.plan }));
              break;
            case "data":
              update(key, (d) => ({ ...d, ...e.data }));
              break;
            case "text":
              update(key, (d) => ({ ...d, text: d.text + e.data.delta }));
              break;
            case "replace":
              update(key, (d) => ({ ...d, text: e.data.text, notes: [e.data.note, ...d.notes] }));
              break;
            case "done":
              update(key, () => draftOf(e.data.answer));
              break;
            case "error":
              update(key, (d) => ({ ...d, streaming: false, error: e.data.error }));
              break;
          }
        },
        controller.signal,
      );
    } catch (error) {
      if (error instanceof DOMException && error.name === "AbortError") {
        update(key, (d) => ({ ...d, streaming: false, error: "Stopped. The answer is still saved in this conversation; reopen it to read it." }));
      } else {
        setTurns((all) => all.filter((t) => t.key !== key));
        setDraft(question);
        setProblem(
          error instanceof ApiError
            ? error.code === "RATE_LIMITED" && error.retryAfterSeconds
              ? `${error.message}`
              : error.message
            : "Something went wrong. Try again.",
        );
      }
    } finally {
      abortRef.current = null;
      setBusy(false);
      void refreshConversations();
      inputRef.current?.focus();
    }
  };

  const remove = async () => {
    if (!conversationId) return;
    try {
      await api.delete(`/api/assistant/conversations/${conversationId}`, { orgId: org });
      toast({ title: "Conversation deleted" });
      await open(null);
      void refreshConversations();
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : "Could not delete the conversation.");
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void ask(draft);
  };

  const list = conversations.data?.conversations ?? [];
  const sidebar = (
    <nav aria-label="Conversations" className="grid gap-2">
      <Button type="button" variant="outline" onClick={() => void open(null)} disabled={busy}>
        <MessageSquarePlus aria-hidden />
        New conversation
      </Button>
      {conversations.isPending ? (
        <div className="grid gap-2" aria-busy="true" aria-label="Loading conversations">
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-10 w-full" />
        </div>
      ) : conversations.isError ? (
        <p className="text-sm text-destructive">Could not load your conversations.</p>
      ) : list.length === 0 ? (
        <p className="px-1 text-sm text-muted-foreground">No conversations yet. They are private to you.</p>
      ) : (
        <ul className="grid max-h-[60vh] gap-1 overflow-y-auto">
          {list.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                onClick={() => void open(c.id)}
                aria-current={c.id === conversationId ? "true" : undefined}
                className={cn(
                  "grid w-full gap-0.5 rounded-md px-2 py-1.5 text-left text-sm hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-hidden",
                  c.id === conversationId && "bg-accent font-medium",
                )}
              >
                <span className="line-clamp-2">{c.title}</span>
                <span className="text-xs font-normal text-muted-foreground">{format.date(c.updatedAt, "dateTime")}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );

  return (
    <div className="grid gap-6 lg:grid-cols-[16rem_1fr]">
      <aside className="hidden self-start lg:sticky lg:top-20 lg:block">{sidebar}</aside>
      <details className="rounded-lg border px-3 py-2 lg:hidden">
        <summary className="flex cursor-pointer items-center gap-2 text-sm font-medium">
          <MessagesSquare className="size-4" aria-hidden />
          Conversations ({list.length})
        </summary>
        <div className="mt-3">{sidebar}</div>
      </details>

      <section className="grid min-w-0 content-start gap-4" aria-label="Conversation">
        {notice ? (
          <p role="status" className="rounded-md border border-success/50 px-3 py-2 text-sm text-success">
            {notice}
          </p>
        ) : null}
        {conversationId && turns.length > 0 && !busy ? (
          <div className="flex justify-end gap-2">
            <ConfirmDialog
              trigger={
                <Button type="button" variant="ghost" size="sm">
                  <Trash2 aria-hidden />
                  Delete conversation
                </Button>
              }
              title="Delete this conversation?"
              description="Its questions and answers are deleted for good. Nobody else could see them."
              confirmLabel="Delete conversation"
              onConfirm={() => void remove()}
            />
          </div>
        ) : null}

        {loadingConversation ? (
          <div className="grid gap-3" aria-busy="true" aria-label="Loading the conversation">
            <Skeleton className="ml-auto h-9 w-2/3" />
            <Skeleton className="h-40 w-full" />
          </div>
        ) : turns.length === 0 ? (
          <div className="grid gap-4 rounded-xl border border-dashed p-6">
            <div className="grid gap-1">
              <h2 className="text-lg font-semibold">Ask about your organization&apos;s numbers</h2>
              <p className="text-sm text-muted-foreground">
                Answers are computed from the same figures as your dashboards, only those your role may see, and show how they were computed. {plannerNote}
              </p>
            </div>
            {examples.length ? (
              <div className="grid gap-2">
                <p className="text-sm font-medium">Try one of these</p>
                <div className="flex flex-wrap gap-2" role="group" aria-label="Example questions">
                  {examples.map((q) => (
                    <Button key={q} type="button" variant="secondary" size="sm" className="h-auto min-h-8 whitespace-normal text-left" onClick={() => void ask(q)} disabled={busy}>
                      {q}
                    </Button>
                  ))}
                </div>
              </div>
            ) : null}
            {!canAsk ? (
              <Alert>
                <AlertDescription>Your role has no dashboards in this organization, so there are no figures the assistant can show you. You can still ask: it will say why not.</AlertDescription>
              </Alert>
            ) : null}
          </div>
        ) : (
          <ol className="grid gap-4">
            {turns.map((t, i) => (
              <li key={t.key} ref={i === turns.length - 1 ? lastTurnRef : undefined} className="grid scroll-mt-20 gap-3">
                <p className="ml-auto max-w-[85%] rounded-2xl rounded-br-sm bg-primary px-4 py-2 text-sm text-primary-foreground" data-testid="question">
                  {t.question}
                </p>
                <AnswerCard draft={t.draft} currency={currency} onFollowUp={(q) => void ask(q)} disabled={busy} />
              </li>
            ))}
          </ol>
        )}

        <form onSubmit={submit} className="sticky bottom-0 grid gap-1 border-t bg-background/95 pt-3 pb-2 backdrop-blur" aria-label="Ask a question">
          <Label htmlFor="question" className="sr-only">
            Your question
          </Label>
          <div className="flex gap-2">
            <Input
              id="question"
              ref={inputRef}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              placeholder="Ask about revenue, who owes you, WIP… (press / to focus)"
              autoComplete="off"
              autoFocus
              maxLength={MAX_QUESTION_LENGTH + 50}
              aria-invalid={Boolean(problem)}
              aria-describedby={problem ? "question-error" : "question-hint"}
            />
            {busy ? (
              <Button type="button" variant="outline" onClick={() => abortRef.current?.abort()} aria-label="Stop the answer (Escape)">
                <Square aria-hidden />
                <span className="hidden sm:inline">Stop</span>
              </Button>
            ) : (
              <Button type="submit" aria-label="Ask">
                <Send aria-hidden />
                <span className="hidden sm:inline">Ask</span>
              </Button>
            )}
          </div>
          {problem ? (
            <p id="question-error" role="alert" className="text-sm text-destructive">
              {problem}
            </p>
          ) : (
            <p id="question-hint" className="text-xs text-muted-foreground">
              Enter asks · Escape stops · follow-ups can refer to the last answer (&ldquo;and the month before?&rdquo;)
            </p>
          )}
        </form>
      </section>
    </div>
  );
}
