import type { FakeTenant } from "./xero-fake-data";

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

/** The authorize request's parameters, carried through the form unchanged. */
const CARRIED = ["client_id", "redirect_uri", "response_type", "scope", "state"] as const;

/**
 * The fake's consent screen: like Xero's, it lists the organisations (and practices) the signed-in
 * Xero user can reach for the requested scopes, and the user ticks the ones to connect. Plain HTML
 * with a form POST, so it works without scripts, by keyboard and on a phone.
 */
export function consentPage(params: URLSearchParams, tenants: FakeTenant[], error?: string): string {
  const hidden = CARRIED.map((name) => params.get(name))
    .map((value, i) => (value === null ? "" : `<input type="hidden" name="${CARRIED[i]}" value="${escape(value)}">`))
    .join("");
  const rows = tenants
    .map((t) => {
      const kind = t.tenantType === "ORGANISATION" ? `Organisation · books in ${escape(t.baseCurrency)}` : "Practice Manager";
      return `<li><label><input type="checkbox" name="tenant" value="${escape(t.tenantId)}"><span><strong>${escape(t.tenantName ?? t.tenantId)}</strong><small>${kind}</small></span></label></li>`;
    })
    .join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo Xero · Allow access</title>
<style>
  body { margin: 0; font: 16px/1.5 system-ui, sans-serif; background: #f3f6f9; color: #1d2936; }
  main { max-width: 32rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border-radius: 12px; box-shadow: 0 1px 4px rgb(0 0 0 / 0.12); }
  h1 { margin: 0 0 .25rem; font-size: 1.35rem; }
  p { margin: .25rem 0 1rem; color: #4a5866; }
  fieldset { border: 0; margin: 0; padding: 0; }
  legend { font-weight: 600; margin-bottom: .5rem; }
  ul { list-style: none; margin: 0 0 1rem; padding: 0; display: grid; gap: .5rem; }
  label { display: flex; gap: .75rem; align-items: flex-start; padding: .75rem; border: 1px solid #cfd8e1; border-radius: 8px; cursor: pointer; }
  label span { display: grid; }
  small { color: #4a5866; }
  input[type=checkbox] { width: 1.2rem; height: 1.2rem; margin-top: .2rem; }
  .error { color: #b42318; font-weight: 600; }
  .actions { display: flex; flex-wrap: wrap; gap: .5rem; }
  button { font: inherit; padding: .6rem 1.1rem; border-radius: 8px; border: 1px solid #13b5ea; cursor: pointer; }
  button[value=allow] { background: #13b5ea; color: #06263a; font-weight: 600; }
  button[value=cancel] { background: #fff; color: #1d2936; border-color: #cfd8e1; }
  :focus-visible { outline: 3px solid #0b6e99; outline-offset: 2px; }
</style>
</head>
<body>
<main>
  <h1>Demo Xero</h1>
  <p>XeroPulse would like to read your accounting data. Choose the organisations it may connect to.</p>
  <form method="post" action="/identity/connect/authorize">
    ${hidden}
    <fieldset>
      <legend>Organisations you can reach</legend>
      ${error ? `<p class="error" role="alert">${escape(error)}</p>` : ""}
      <ul>${rows || "<li>No organisation is available for these permissions.</li>"}</ul>
    </fieldset>
    <div class="actions">
      <button type="submit" name="action" value="allow">Allow access</button>
      <button type="submit" name="action" value="cancel">Cancel</button>
    </div>
  </form>
</main>
</body>
</html>`;
}
