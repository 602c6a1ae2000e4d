"use client";

import { Menu, X } from "lucide-react";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";

import { Brand } from "@/components/brand";
import { Button } from "@/components/ui/button";
import type { Role } from "@/lib/permissions";

import { MainNav } from "./main-nav";

const DESKTOP = "(min-width: 48rem)";

/**
 * The navigation on phones: a menu button opening a modal <dialog>, which gives focus containment,
 * Escape to close and focus return to the button for free. It also closes on navigation, on a
 * click on the backdrop, and when the window grows to the desktop layout (which has the sidebar).
 */
export function MobileNav({ org, role }: { org: string; role: Role }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const pathname = usePathname();

  const close = () => dialogRef.current?.close();

  useEffect(() => {
    dialogRef.current?.close();
  }, [pathname]);

  useEffect(() => {
    const media = window.matchMedia(DESKTOP);
    const onChange = () => {
      if (media.matches) dialogRef.current?.close();
    };
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  }, []);

  return (
    <>
      <Button
        variant="ghost"
        size="icon"
        className="md:hidden"
        aria-label="Open menu"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls="mobile-nav"
        onClick={() => {
          dialogRef.current?.showModal();
          setOpen(true);
        }}
      >
        <Menu aria-hidden="true" />
      </Button>
      <dialog
        id="mobile-nav"
        ref={dialogRef}
        aria-label="Menu"
        onClose={() => setOpen(false)}
        onClick={(event) => {
          if (event.target === dialogRef.current) close();
        }}
        className="fixed inset-y-0 right-auto left-0 m-0 h-full max-h-none w-72 max-w-[85vw] border-r bg-background p-0 text-foreground shadow-lg backdrop:bg-black/50"
      >
        {open ? (
          <div className="flex h-full flex-col gap-4 overflow-y-auto p-4">
            <div className="flex items-center justify-between">
              <Brand />
              <Button variant="ghost" size="icon" aria-label="Close menu" onClick={close}>
                <X aria-hidden="true" />
              </Button>
            </div>
            <MainNav org={org} role={role} onNavigate={close} />
          </div>
        ) : null}
      </dialog>
    </>
  );
}
