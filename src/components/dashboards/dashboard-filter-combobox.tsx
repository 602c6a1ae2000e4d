"use client";

import { useState } from "react";

import { useDebouncedValue } from "@/components/ui/use-debounced-value";
import { Combobox, type ComboboxOption } from "@/components/ui/combobox";
import type { DashboardFilter } from "@/lib/dashboard-schemas";
import { useDashboardFilterOptions } from "./dashboard-queries";

/**
 * One dashboard filter (contact, client, staff member) as a searchable combobox. Before anything is
 * typed it offers the names the dashboard's own data already holds; what is typed is searched on the
 * server (/api/dashboards/{id}/filter-options), so every contact can be found, not just the loaded ones.
 */
export function DashboardFilterCombobox({
  id,
  org,
  dashboardId,
  filter,
  label,
  allLabel,
  loaded,
  value,
  onChange,
}: {
  id: string;
  org: string;
  dashboardId: string;
  filter: DashboardFilter;
  label: string;
  allLabel: string;
  loaded: ComboboxOption[];
  value: string | null;
  onChange: (value: string | null) => void;
}) {
  const [search, setSearch] = useState("");
  const debounced = useDebouncedValue(search.trim(), 250);
  const matches = useDashboardFilterOptions(org, dashboardId, filter, debounced);
  // The chosen name is kept, so it still shows once the list has moved on to another search.
  const [chosenLabel, setChosenLabel] = useState<string | null>(null);
  const options = debounced ? (matches.data?.options ?? []) : [...loaded].sort((a, b) => a.label.localeCompare(b.label));
  const chosenName = value ? (loaded.find((o) => o.value === value)?.label ?? chosenLabel) : null;
  const chosen = value && chosenName && !options.some((o) => o.value === value) ? [{ value, label: chosenName }] : [];
  return (
    <Combobox
      id={id}
      options={[...chosen, ...options]}
      value={value}
      allLabel={allLabel}
      searchPlaceholder={`Search ${label.toLowerCase()}s…`}
      onSearch={setSearch}
      loading={search.trim() !== "" && (search.trim() !== debounced || matches.isFetching)}
      onChange={(next) => {
        setChosenLabel(options.find((o) => o.value === next)?.label ?? null);
        onChange(next);
      }}
    />
  );
}
