/**
 * Logs go to the platform's log service, which many people can read: never let a 身份证号 or a phone
 * number through in clear.
 */
const ID_RE = /(?<![0-9])(\d{4})\d{10}(\d{3}[\dXx])(?![0-9])/g
const PHONE_RE = /(?<![0-9])(1[3-9]\d)\d{4}(\d{4})(?![0-9])/g

export function maskPII(text: string): string {
  return text.replace(ID_RE, '$1**********$2').replace(PHONE_RE, '$1****$2')
}

export interface Logger {
  info(event: string, detail?: Record<string, unknown>): void
  error(event: string, detail?: Record<string, unknown>): void
}

function write(level: string, event: string, detail?: Record<string, unknown>) {
  const line = maskPII(JSON.stringify({ t: new Date().toISOString(), level, event, ...detail }))
  if (level === 'error') console.error(line)
  else console.log(line)
}

export const consoleLogger: Logger = {
  info: (event, detail) => write('info', event, detail),
  error: (event, detail) => write('error', event, detail),
}

export const silentLogger: Logger = { info: () => {}, error: () => {} }
