import type { NextConfig } from "next";
import { securityHeaders } from "./src/server/http/security-headers";

const nextConfig: NextConfig = {
  // PGlite ships WebAssembly and data files that must be loaded from node_modules, not bundled;
  // archiver (organization exports) is plain CommonJS streams, loaded as is too.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pino", "archiver"],
  poweredByHeader: false,
  // Lets two builds live side by side (parallel end-to-end runs); .next by default.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  experimental: { authInterrupts: true },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders() }];
  },
};

export default nextConfig;
