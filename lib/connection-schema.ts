import { z } from 'zod';

/** What the Connect form sends; shared by the form and the route that checks it. */
export const credentialsSchema = z.strictObject({
  authId: z.string().trim().min(1, 'Enter the api-auth-id from StockTrim\'s Help section.').max(200, 'That api-auth-id is too long.'),
  signature: z.string().trim().min(1, 'Enter the api-auth-signature from StockTrim\'s Help section.').max(500, 'That api-auth-signature is too long.'),
});

export type CredentialsInput = z.infer<typeof credentialsSchema>;

/** Either typed credentials, or "use the sandbox demo account", which only the server knows. */
export const connectRequestSchema = z.union([credentialsSchema, z.strictObject({ sandboxDemo: z.literal(true) })]);
export type ConnectRequest = z.infer<typeof connectRequestSchema>;

/** What the browser may know about the connection: never the signature. */
export interface ConnectionStatus {
  readonly connected: boolean;
  readonly authId: string | null;
  readonly usingSandbox: boolean;
  readonly stockTrimHost: string;
  /** Offered only when the server talks to the bundled sandbox; its signature stays on the server. */
  readonly sandboxDemoAuthId: string | null;
}
