import pino, { type Logger } from "pino";
import { scrubText, serializeError, serializeErrorsIn } from "./redact.js";

export type { Logger };

// Tokens never reach the logs, whatever object is logged.
const redact = ["token", "*.token", "botToken", "*.botToken", "appToken", "*.appToken", "signingSecret", "*.signingSecret", "headers.authorization", "*.headers.authorization"];

export function createLogger(level: string = "info", destination?: pino.DestinationStream): Logger {
  // Logs go to stderr so that stdout stays clean for command output (JSON lines, console platform).
  return pino(
    {
      level,
      redact,
      base: { app: "studybot" },
      // Errors are written as their type, message and codes only (src/redact.ts), under any key; the text of a
      // message is scrubbed of URLs with tokens and of anything shaped like a token.
      serializers: { err: serializeError },
      formatters: { log: serializeErrorsIn },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === "string" ? scrubText(a) : a)) as Parameters<typeof method>,
          );
        },
      },
    },
    destination ?? pino.destination(2),
  );
}

export const silentLogger: Logger = pino({ level: "silent" });
