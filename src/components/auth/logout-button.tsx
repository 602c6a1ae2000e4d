"use client";

import { LogOut } from "lucide-react";
import { useState } from "react";

import { Button, type ButtonProps } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";

import { logOut } from "./log-out";

export function LogoutButton(props: Omit<ButtonProps, "onClick" | "children">) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="outline"
      {...props}
      disabled={pending || props.disabled}
      onClick={() => {
        setPending(true);
        void logOut();
      }}
    >
      {pending ? <Spinner label="" /> : <LogOut aria-hidden="true" />}
      {pending ? "Logging out…" : "Log out"}
    </Button>
  );
}
