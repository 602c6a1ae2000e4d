import { expect, test, type APIRequestContext } from "@playwright/test";

/**
 * The production server serves the top-level public/ folder: the favicon, the app icons and the web
 * app manifest, and every page links them.
 */
const pngSize = (body: Buffer) => ({ width: body.readUInt32BE(16), height: body.readUInt32BE(20) });

async function fetchOk(request: APIRequestContext, path: string, type: RegExp) {
  const res = await request.get(path);
  expect(res.status(), path).toBe(200);
  expect(res.headers()["content-type"], path).toMatch(type);
  return res.body();
}

test("the favicon, app icons and manifest are served, and pages link them", async ({ page, request }) => {
  const ico = await fetchOk(request, "/favicon.ico", /image\/(x-icon|vnd\.microsoft\.icon)/);
  // ICONDIR: reserved 0, type 1 (icon), and the 16, 32 and 48 px images.
  expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 3]);
  expect([0, 1, 2].map((i) => ico.readUInt8(6 + 16 * i))).toEqual([16, 32, 48]);

  expect((await fetchOk(request, "/icon.svg", /image\/svg\+xml/)).toString()).toContain("<svg");
  expect(pngSize(await fetchOk(request, "/apple-touch-icon.png", /image\/png/))).toEqual({ width: 180, height: 180 });

  const manifest = JSON.parse((await fetchOk(request, "/manifest.webmanifest", /application\/manifest\+json|application\/json/)).toString()) as {
    name: string;
    start_url: string;
    icons: { src: string; sizes: string; type: string }[];
  };
  expect(manifest).toMatchObject({ name: "XeroPulse", start_url: "/" });
  const pngs = manifest.icons.filter((i) => i.type === "image/png");
  expect(pngs.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  for (const icon of pngs) {
    const [width, height] = icon.sizes.split("x").map(Number);
    expect(pngSize(await fetchOk(request, icon.src, /image\/png/)), icon.src).toEqual({ width, height });
  }

  await page.goto("/login");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
  await expect(page.locator('link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1);
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute("href", "/apple-touch-icon.png");
});
