import { z } from 'zod';

/** Both values travel as HTTP headers, so only visible ASCII fits; a pasted line break does not. */
function headerValue(name: string, max: number) {
  return z
    .string()
    .trim()
    .min(1, `Enter the ${name} from StockTrim's Help section.`)
    .max(max, `That ${name} is too long: check that only the value was copied.`)
    .regex(/^[\x21-\x7e]+$/, `The ${name} has spaces, line breaks or characters StockTrim never uses: copy it again from StockTrim's Help section.`);
}

/** What the Connect form sends; shared by the form and the route that checks it. */
export const credentialsSchema = z.strictObject({
  authId: headerValue('api-auth-id', 200),
  signature: headerValue('api-auth-signature', 500),
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
