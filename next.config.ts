import type { NextConfig } from "next";
import { securityHeaders } from "./src/server/http/security-headers";

const nextConfig: NextConfig = {
  // PGlite ships WebAssembly and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pino"],
  poweredByHeader: false,
  // Lets two builds live side by side (parallel end-to-end runs); .next by default.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  experimental: {
    authInterrupts: true,
    // The proxy (src/proxy.ts) clones request bodies up to this size and silently truncates larger
    // ones (default 10 MB): above an import upload's limit, so the route's own 413 decides.
    proxyClientMaxBodySize: Number(process.env.IMPORT_MAX_BYTES ?? 20_971_520) + 1024 * 1024,
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders() }];
  },
};

export default nextConfig;
