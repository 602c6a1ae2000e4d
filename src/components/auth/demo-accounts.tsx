/** Small print for demo and development instances: the seeded accounts and their shared password. */
export function DemoAccounts({ accounts, password }: { accounts: { email: string; role: string; org: string }[]; password: string }) {
  return (
    <details className="mt-6 rounded-md border border-dashed px-3 py-2 text-xs text-muted-foreground">
      <summary className="cursor-pointer select-none">Demo accounts</summary>
      <p className="mt-2">
        Password for every account: <code className="rounded bg-muted px-1 py-0.5 font-mono text-foreground">{password}</code>
      </p>
      <ul className="mt-2 grid gap-1">
        {accounts.map((account) => (
          <li key={account.email} className="flex flex-wrap justify-between gap-x-2">
            <code className="font-mono text-foreground">{account.email}</code>
            <span>
              {account.role}, {account.org}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
