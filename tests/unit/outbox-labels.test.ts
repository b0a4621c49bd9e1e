import { readFileSync } from 'node:fs'
import { NOTICE_FIELDS } from '../../src/contracts/notices'

// The dev 通知发件箱 shows each notice's values under Chinese labels; a field added to a notice without a label
// would show its raw name there.
test('every field a notice carries has a Chinese label on the outbox page', () => {
  const page = readFileSync('src/pages/dev/outbox/index.tsx', 'utf8')
  const block = /const FIELD_LABELS[^{]*\{([\s\S]*?)\n\}/.exec(page)?.[1] ?? ''
  const labelled = new Set([...block.matchAll(/^\s*(\w+):/gm)].map((m) => m[1]))
  const fields = new Set(Object.values(NOTICE_FIELDS).flat())
  expect([...fields].filter((f) => !labelled.has(f))).toEqual([])
})
