import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { NOTICE_FIELDS, NOTICE_KEYS } from '../../src/contracts/notices'

const ROOT = join(__dirname, '..', '..')
const example = JSON.parse(readFileSync(join(ROOT, 'subscribe-templates.example.json'), 'utf8')) as Record<
  string,
  { id?: unknown; keys?: Record<string, string> }
>

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n)
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : []
  })
}

/** Every `template: '…'` literal in the server's code, with where it is: what the outbox can be asked to send. */
function enqueuedKeys(): Map<string, string> {
  const found = new Map<string, string>()
  for (const file of sources(join(ROOT, 'cloudfunctions'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\btemplate\s*:\s*['"`]([^'"`]+)['"`]/g)) found.set(m[1], relative(ROOT, file))
  }
  return found
}

describe('notice keys and the subscribe-templates example a deployer copies', () => {
  test('every notice key the server code enqueues is a listed key, and every listed key is enqueued somewhere', () => {
    const found = enqueuedKeys()
    const unlisted = [...found].filter(([key]) => !(NOTICE_KEYS as string[]).includes(key)).map(([key, file]) => `${key} (${file})`)
    expect(unlisted).toEqual([])
    expect([...found.keys()].sort()).toEqual([...NOTICE_KEYS].sort())
  })

  test('the example maps every notice key to a template id and a keyword for each field the notice fills', () => {
    for (const key of NOTICE_KEYS) {
      const entry = example[key]
      expect({ key, hasEntry: !!entry }).toEqual({ key, hasEntry: true })
      expect(typeof entry.id).toBe('string')
      // A field without a keyword is dropped from the message; a keyword for no field means a renamed field.
      expect({ key, fields: Object.keys(entry.keys ?? {}).sort() }).toEqual({ key, fields: [...NOTICE_FIELDS[key]].sort() })
      for (const keyword of Object.values(entry.keys ?? {})) expect(keyword).toMatch(/^[a-z_]+\d+$/)
    }
  })

  test('the example holds no entry for a key the server never sends', () => {
    expect(Object.keys(example).filter((k) => !(NOTICE_KEYS as string[]).includes(k))).toEqual([])
  })
})
