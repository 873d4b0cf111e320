import type { Kysely } from "kysely";
import type { Database } from "@scrutiny/db";
import type { SignedInUser } from "./auth/accounts";
import type { PdfRenderer } from "./services/packPdf";

export type AuthMode = "local" | "required";

/** What every request handler can reach: the database, the mode, and who is asking. */
export type AppEnv = {
  Variables: {
    db: Kysely<Database>;
    /** The force this deployment serves (SCRUTINY_FORCE): the default wherever a route takes a force or area. */
    force: string;
    requestId: string;
    authMode: AuthMode;
    user: SignedInUser;
    pdf: PdfRenderer;
    /** Whether the caller sees unpublished indicators and packs (member and above, or local mode). */
    seesUnpublished: boolean;
    /** The indicators the caller may not see (empty unless public). */
    unpublished: ReadonlySet<string>;
  };
};
