"use client";

import { useState } from "react";

import { useDebouncedValue } from "@/components/ui/use-debounced-value";
import { Combobox } from "@/components/ui/combobox";
import { DEFAULT_PO_FILTERS, usePurchaseOrders } from "./procurement-queries";

const MATCHES = 20;

/**
 * Choosing one purchase order by number among thousands: the PO list endpoint searches (number,
 * supplier, description) on the server and the first matches are offered, the newest first.
 */
export function PurchaseOrderCombobox({ id, org, value, onChange }: { id: string; org: string; value: string | null; onChange: (poNumber: string | null) => void }) {
  const [search, setSearch] = useState("");
  const debounced = useDebouncedValue(search.trim(), 250);
  const matches = usePurchaseOrders(org, { ...DEFAULT_PO_FILTERS, q: debounced, sort: "date", dir: "desc", pageSize: MATCHES });
  const options = (matches.data?.items ?? []).map((po) => ({ value: po.poNumber, label: po.poNumber, hint: po.supplier }));
  return (
    <Combobox
      id={id}
      options={options}
      value={value}
      onChange={onChange}
      allLabel="All purchase orders"
      searchPlaceholder="Search PO number or supplier…"
      onSearch={setSearch}
      loading={matches.isFetching && (search.trim() !== debounced || !matches.data)}
    />
  );
}
