import { AppError } from "@/server/http/app-error";
import { route } from "@/server/http/route";

// Any /api path without a route of its own answers 404 in the error shape, not an HTML page,
// whatever the method (HEAD comes with GET).
const notFound = route({ auth: "public" }, () => {
  throw new AppError("NOT_FOUND", "No such API endpoint");
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE, notFound as OPTIONS };
