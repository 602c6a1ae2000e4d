/**
 * Downloads an API answer as a file: fetched with the organization header (a plain link cannot send
 * it), so a refusal is shown as a message instead of a JSON page. Returns the server's error text.
 */
export async function downloadFile(url: string, org: string, fallbackName: string): Promise<void> {
  const res = await fetch(url, { headers: { "X-Org-Id": org }, credentials: "same-origin", cache: "no-store" });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? `The server answered ${res.status}`);
  }
  const href = URL.createObjectURL(await res.blob());
  const link = document.createElement("a");
  link.href = href;
  link.download = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the object URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
