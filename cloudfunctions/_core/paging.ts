import type { Doc, Store, Where } from './store/port'

/** CloudBase answers at most 1,000 documents a read: a bigger `limit` is cut there without a word. */
const READ_CAP = 1000

/**
 * Every document matching `where`, read a page at a time in `_id` order, each page starting after the last id
 * of the one before (so a page costs an indexed seek, not a skip over everything already read). For sets a
 * caller must see whole: the orgs under a union, a union's lawyers, the cases its statistics count.
 */
export async function findAll<T extends Doc = Doc>(store: Store, collection: string, where: Where = {}, pageSize = READ_CAP): Promise<T[]> {
  if ('_id' in where) throw new Error('findAll pages by _id: filter the result instead of the query')
  const out: T[] = []
  let after: string | null = null
  for (;;) {
    const page: T[] = await store.find<T>(collection, {
      where: after === null ? where : { ...where, _id: { $gt: after } },
      orderBy: [['_id', 'asc']],
      limit: pageSize,
    })
    out.push(...page)
    if (page.length < pageSize) return out
    after = page[page.length - 1]._id
  }
}
