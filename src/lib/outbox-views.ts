/** What GET /api/email/outbox answers (timestamps as ISO strings), for the service and Settings › Users. */
export interface OutboxMessageView {
  id: string;
  template: string;
  to: string;
  subject: string;
  /** The plain-text body: it holds the message's link (an invitation link, for instance). */
  text: string;
  createdAt: string;
}

export interface OrgOutboxView {
  transport: "outbox" | "resend";
  /**
   * True when this server keeps mail in the outbox although it runs as a production build: nobody
   * receives these messages unless an admin passes them on.
   */
  held: boolean;
  /** The organization's messages kept in the outbox, newest first. */
  messages: OutboxMessageView[];
}
