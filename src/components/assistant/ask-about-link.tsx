import { MessageCircleQuestionMark } from "lucide-react";
import Link from "next/link";

import { Button } from "@/components/ui/button";

/** "Ask about this" on a dashboard: the Ask page with example questions about that dashboard's figures. */
export function AskAboutLink({ org, view }: { org: string; view: string | null }) {
  return (
    <Button asChild variant="outline" size="sm">
      <Link href={`/${org}/ask${view ? `?about=${view}` : ""}`}>
        <MessageCircleQuestionMark aria-hidden />
        Ask about this
      </Link>
    </Button>
  );
}
