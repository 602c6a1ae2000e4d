import type { NextConfig } from "next";
import { staticSecurityHeaders } from "./src/server/http/security-headers";

const nextConfig: NextConfig = {
  // PGlite ships WebAssembly and data files that must be loaded from node_modules, not bundled;
  // archiver (organization exports) is plain CommonJS streams, loaded as is too.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pino", "archiver"],
  poweredByHeader: false,
  // Lets two builds live side by side (parallel end-to-end runs); .next by default.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  experimental: {
    authInterrupts: true,
    // The proxy (src/proxy.ts) clones request bodies up to this size and silently truncates larger
    // ones (default 10 MB): above an import upload's limit, so the route's own 413 decides.
    proxyClientMaxBodySize: Number(process.env.IMPORT_MAX_BYTES ?? 20_971_520) + 1024 * 1024,
  },
  // `next dev` serves its own resources (HMR, chunks) to localhost only, unless told: the loopback
  // address and the hosts of ALLOWED_ORIGINS may use a dev server too. Production is not affected.
  allowedDevOrigins: ["127.0.0.1", ...devOriginHosts(process.env.ALLOWED_ORIGINS)],
  // The CSP (with a per-request nonce) and HSTS (https only) are set by src/proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: staticSecurityHeaders() }];
  },
};

function devOriginHosts(list: string | undefined): string[] {
  return (list ?? "").split(",").flatMap((origin) => {
    try {
      return [new URL(origin.trim()).hostname];
    } catch {
      return [];
    }
  });
}

export default nextConfig;
