import pino, { type Logger } from "pino";

export type { Logger };

// Tokens never reach the logs, whatever object is logged.
const redact = ["token", "*.token", "botToken", "*.botToken", "appToken", "*.appToken", "signingSecret", "*.signingSecret", "headers.authorization", "*.headers.authorization"];

export function createLogger(level: string = "info", destination?: pino.DestinationStream): Logger {
  // Logs go to stderr so that stdout stays clean for command output (JSON lines, console platform).
  return pino({ level, redact, base: { app: "studybot" } }, destination ?? pino.destination(2));
}

export const silentLogger: Logger = pino({ level: "silent" });
