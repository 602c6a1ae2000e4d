/**
 * Part of `npm run build`: writes the migrated, empty embedded database a first start loads instead
 * of running initdb and every migration (src/server/db/embedded-template.ts says why and what is in it).
 */
import { writeEmbeddedTemplate } from "@/server/db/embedded-template";

const started = performance.now();
const file = await writeEmbeddedTemplate();
console.log(`Embedded database template: ${file} (${Math.round(performance.now() - started)} ms)`);
