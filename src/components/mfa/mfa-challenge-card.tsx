import { LogoutButton } from "@/components/auth/logout-button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

import { MfaChallenge } from "./mfa-challenge";

/** The login page's second step, in the same card shape as the first. */
export function MfaChallengeCard({ next }: { next?: string }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h1 className="text-xl">Two-factor sign-in</h1>
        </CardTitle>
        <CardDescription>Your password was right. One more step proves it is you.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <MfaChallenge next={next} />
        <LogoutButton className="w-full" />
      </CardContent>
    </Card>
  );
}
