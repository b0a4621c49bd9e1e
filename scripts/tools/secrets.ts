// deploy.secrets.json (git-ignored, mode 600): the production secrets the functions get as environment variables.
// Written once by `npm run gen-keys`, read by `npm run deploy`; its values are never printed.
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'

export function secretsPath(env: Record<string, string | undefined> = process.env): string {
  return resolve(env.GH_SECRETS_FILE ?? 'deploy.secrets.json')
}

export function readSecrets(file: string): Record<string, string> {
  if (!existsSync(file)) return {}
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
  if (!parsed || typeof parsed !== 'object') return {}
  return Object.fromEntries(Object.entries(parsed as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'))
}
