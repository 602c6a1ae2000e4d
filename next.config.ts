import type { NextConfig } from "next";
import { staticSecurityHeaders } from "./src/server/http/security-headers";

const nextConfig: NextConfig = {
  // PGlite ships WebAssembly and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pino"],
  poweredByHeader: false,
  // Lets two builds live side by side (parallel end-to-end runs); .next by default.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  experimental: { authInterrupts: true },
  // The CSP (with a per-request nonce) and HSTS (https only) are set by src/proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: staticSecurityHeaders() }];
  },
};

export default nextConfig;
