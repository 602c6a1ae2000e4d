import { otherMethods } from "@/server/http/other-methods";
import { getAssistantSettings } from "@/server/assistant/get-assistant-settings";
import { updateAssistantSettings } from "@/server/assistant/update-assistant-settings";
import { route } from "@/server/http/route";
import { assistantSettingsBody } from "@/lib/assistant-schemas";

export const GET = route({ auth: "user", permission: "org.manage" }, ({ db, org }) => db((tx) => getAssistantSettings(tx, org.id)));

export const PATCH = route({ auth: "user", permission: "org.manage", body: assistantSettingsBody }, ({ db, org, body }) =>
  db((tx) => updateAssistantSettings(tx, org.id, body)),
);

export const { POST, PUT, DELETE, OPTIONS } = otherMethods({ GET, PATCH });
