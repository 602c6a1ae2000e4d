"use client";

import * as Popover from "@radix-ui/react-popover";
import { Command } from "cmdk";
import { Check, ChevronsUpDown } from "lucide-react";
import { useId, useState, type ReactNode } from "react";

import { cn } from "@/lib/utils";

export interface ComboboxOption {
  value: string;
  label: string;
  /** A second line of text searched too (an email, a code). */
  hint?: string;
}

export interface ComboboxProps {
  /** The id a `<Label htmlFor>` points at: the trigger button. */
  id: string;
  options: readonly ComboboxOption[];
  /** The chosen value, or null for "all". */
  value: string | null;
  onChange: (value: string | null) => void;
  /** What the empty choice is called ("All contacts"); without it there is no empty choice. */
  allLabel?: string;
  searchPlaceholder?: string;
  className?: string;
  disabled?: boolean;
  /**
   * Server-side search for lists too large to load: called with what is typed (debounce in the
   * caller's query), and `options` are then the server's matches, shown as they are.
   */
  onSearch?: (search: string) => void;
  /** The server's matches are on their way. */
  loading?: boolean;
}

/** cmdk needs a non-empty value for the "all" item; option ids are uuids or codes, never this. */
const ALL = "__all__";

/** Matches every word typed, in any order, against the option's label and hint. */
function matches(_value: string, search: string, keywords?: string[]): number {
  const haystack = (keywords ?? []).join(" ").toLocaleLowerCase();
  return search.toLocaleLowerCase().split(/\s+/).filter(Boolean).every((word) => haystack.includes(word)) ? 1 : 0;
}

/**
 * A searchable choice for lists too long for a dropdown (contacts, clients, staff): a button that
 * opens a search box over the options (cmdk in a Radix popover). Keyboard: Enter, Space or Down
 * opens it, typing filters, arrows move, Enter chooses, Escape closes and returns focus.
 */
export function Combobox({ id, options, value, onChange, allLabel, searchPlaceholder = "Search…", className, disabled, onSearch, loading }: ComboboxProps) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const listId = useId();
  const chosen = options.find((o) => o.value === value);
  // A value in the URL that is not among the options (yet) still shows, rather than vanishing.
  const shown = chosen?.label ?? value ?? allLabel ?? "Choose…";
  const choose = (next: string | null) => {
    onChange(next);
    setOpen(false);
    // Radix calls onOpenChange only for its own closes: the search starts empty next time too.
    typed("");
  };
  // With a server search, cmdk's highlight can point at an item of the previous answer: keep it on
  // an item that exists (the first, by default), so Enter always chooses something shown.
  const [active, setActive] = useState("");
  const shownValues = [...(allLabel && !search.trim() ? [ALL] : []), ...options.map((o) => o.value)];
  const activeValue = shownValues.includes(active) ? active : (shownValues[0] ?? "");
  const typed = (text: string) => {
    setSearch(text);
    onSearch?.(text);
  };
  return (
    <Popover.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) typed("");
      }}
    >
      <Popover.Trigger asChild>
        <button
          id={id}
          type="button"
          role="combobox"
          aria-expanded={open}
          aria-haspopup="listbox"
          aria-controls={open ? listId : undefined}
          disabled={disabled}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown" && !open) {
              e.preventDefault();
              setOpen(true);
            }
          }}
          className={cn(
            "flex h-9 w-full min-w-0 items-center justify-between gap-2 rounded-md border border-input bg-background px-3 py-1 text-left text-base shadow-xs transition-colors md:text-sm",
            "focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring/50 focus-visible:outline-hidden",
            "disabled:cursor-not-allowed disabled:opacity-50",
            className,
          )}
        >
          <span className={cn("truncate", !chosen && !value && "text-muted-foreground")}>{shown}</span>
          <ChevronsUpDown aria-hidden="true" className="size-4 shrink-0 opacity-60" />
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="start"
          sideOffset={4}
          className="z-50 w-[var(--radix-popover-trigger-width)] min-w-[16rem] max-w-[calc(100vw-1rem)] rounded-md border bg-popover p-0 text-popover-foreground shadow-md"
        >
          <Command filter={matches} shouldFilter={!onSearch} loop {...(onSearch ? { value: activeValue, onValueChange: setActive } : {})}>
            <Command.Input
              value={search}
              onValueChange={typed}
              onKeyDown={(e) => {
                // cmdk registers an item a moment after it renders: Enter pressed as the server's
                // matches appear would find none and do nothing. Choose the highlighted one here.
                if (!onSearch || e.key !== "Enter" || e.nativeEvent.isComposing) return;
                if (activeValue === ALL) choose(null);
                else if (options.some((o) => o.value === activeValue)) choose(activeValue);
                else return;
                e.preventDefault();
              }}
              placeholder={searchPlaceholder}
              aria-label={searchPlaceholder}
              className="h-9 w-full border-b bg-transparent px-3 text-base outline-hidden placeholder:text-muted-foreground md:text-sm"
            />
            <Command.List id={listId} className="max-h-72 overflow-y-auto p-1">
              {loading ? (
                <Command.Loading className="px-2 py-2 text-sm text-muted-foreground">Searching…</Command.Loading>
              ) : (
                <Command.Empty className="px-2 py-6 text-center text-sm text-muted-foreground">No match.</Command.Empty>
              )}
              {/* With a server search the list is the server's matches: "all" only before typing. */}
              {allLabel && !(onSearch && search.trim()) ? (
                <Item value="" keywords={[allLabel]} selected={!value} onSelect={() => choose(null)}>
                  {allLabel}
                </Item>
              ) : null}
              {options.map((o) => (
                <Item key={o.value} value={o.value} keywords={[o.label, o.hint ?? ""]} selected={o.value === value} onSelect={() => choose(o.value)}>
                  <span className="grid">
                    <span>{o.label}</span>
                    {o.hint ? <span className="text-xs text-muted-foreground">{o.hint}</span> : null}
                  </span>
                </Item>
              ))}
            </Command.List>
          </Command>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

function Item({ value, keywords, selected, onSelect, children }: { value: string; keywords: string[]; selected: boolean; onSelect: () => void; children: ReactNode }) {
  return (
    <Command.Item
      value={value || ALL}
      keywords={keywords}
      onSelect={onSelect}
      data-chosen={selected || undefined}
      className="flex cursor-default items-center gap-2 rounded-sm px-2 py-1.5 text-sm select-none data-[selected=true]:bg-accent data-[selected=true]:text-accent-foreground"
    >
      <Check aria-hidden="true" className={cn("size-4 shrink-0", selected ? "opacity-100" : "opacity-0")} />
      {children}
    </Command.Item>
  );
}
