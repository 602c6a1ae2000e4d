import { Body, Button, Container, Head, Heading, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

/** The frame every XeroPulse email shares: one heading, the body, one call to action. */
export function EmailLayout(props: { preview: string; heading: string; children: ReactNode; action?: { label: string; href: string }; footer: string }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={{ backgroundColor: "#f6f7f9", fontFamily: "system-ui, -apple-system, Segoe UI, sans-serif", margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, maxWidth: 520, padding: "32px 28px" }}>
          <Text style={{ color: "#0f766e", fontSize: 14, fontWeight: 700, margin: 0 }}>XeroPulse</Text>
          <Heading as="h1" style={{ color: "#111827", fontSize: 22, margin: "16px 0" }}>
            {props.heading}
          </Heading>
          {props.children}
          {props.action ? (
            <Section style={{ margin: "24px 0" }}>
              <Button href={props.action.href} style={{ backgroundColor: "#0f766e", borderRadius: 6, color: "#ffffff", fontWeight: 600, padding: "12px 20px" }}>
                {props.action.label}
              </Button>
            </Section>
          ) : null}
          <Text style={{ color: "#6b7280", fontSize: 13 }}>{props.footer}</Text>
        </Container>
      </Body>
    </Html>
  );
}

export const paragraph = { color: "#374151", fontSize: 15, lineHeight: "24px" } as const;
