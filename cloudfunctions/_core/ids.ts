import { randomBytes } from 'node:crypto'

/** Ids sort roughly by creation time, which keeps pages stable and inserts local in a B-tree. */
export function newId(): string {
  return Date.now().toString(36).padStart(9, '0') + randomBytes(6).toString('hex')
}
