import type { QueryName } from '../../src/contracts/api'
import { childcareApi } from '../../src/contracts/childcare/api'

test('only actions declared with query() are QueryName (what fetchQuery may retry)', () => {
  const read: QueryName<'childcare'> = 'listClasses'
  // @ts-expect-error booking writes: fetchQuery must not accept it
  const write: QueryName<'childcare'> = 'book'
  expect(childcareApi[read].kind).toBe('query')
  expect(childcareApi[write].kind).toBe('mutation')
})
