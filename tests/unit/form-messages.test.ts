import * as z from 'zod'
import { check, toFieldMessages } from '../../src/utils/form'

describe('field messages for forms', () => {
  test('a nested error is found under its full path and under the top-level field', () => {
    const m = toFieldMessages([
      { path: 'questions.3.options', message: '至少两个选项' },
      { path: 'questions.5.stem', message: '请填写题干' },
      { path: 'data.name', message: '请填写名称' },
    ])
    expect(m['questions.3.options']).toBe('至少两个选项')
    expect(m['questions.3']).toBe('至少两个选项')
    expect(m['questions.5.stem']).toBe('请填写题干')
    // The first message of a field wins where two share a prefix.
    expect(m.questions).toBe('至少两个选项')
    expect(m.name).toBe('请填写名称')
  })

  test('the client-side check keeps nested paths, so a list form can mark the item', () => {
    const schema = z.object({ prizes: z.array(z.object({ name: z.string().min(1, '请填写奖品名称') })) })
    const r = check(schema, { prizes: [{ name: '礼盒' }, { name: '' }] })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.errors['prizes.1.name']).toBe('请填写奖品名称')
      expect(r.errors['prizes.0.name']).toBeUndefined()
    }
  })
})
