import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

/**
 * WeChat forbids rewarding sharing (《微信外部链接内容管理规范》 诱导分享): nothing may give draws, points or
 * chances for sharing or inviting. This reads every contract, page and cloud function, line by line, for a share or
 * invitation word next to a reward word, and every file that handles a share for a reward action.
 */
const ROOT = join(__dirname, '..', '..')
const DIRS = ['src/contracts', 'src/pages', 'src/components', 'cloudfunctions']
// Chinese as people read it; English as identifiers (a comment saying two siblings "share" a group is not sharing).
const SHARE =
  /(分享|转发|邀请好友|邀请朋友|拉新|助力|shar(e|ed|ing)(App|Timeline|Reward|Bonus|Count|Draw)|invite(Friend|Reward|Count|Bonus)|referr?al)/i
const REWARD = /(抽奖|机会|积分|奖励|次数|draws?(Left|Granted)?\b|points?\b|chances?\b|bonus|reward)/i
const SHARE_HANDLER = /(useShareAppMessage|onShareAppMessage|useShareTimeline|onShareTimeline)/
const REWARD_CALL = /['"](draw|grant\w*|addDraws?|bonus\w*|reward\w*)['"]/

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) return name === 'node_modules' ? [] : files(p)
    return /\.(ts|tsx)$/.test(name) ? [p] : []
  })
}

const all = DIRS.flatMap((d) => files(join(ROOT, d)))

test('the scan reads the quiz contract, pages and function', () => {
  expect(all.some((f) => f.endsWith('src/contracts/quiz/api.ts'))).toBe(true)
  expect(all.some((f) => f.includes('src/pages/quiz/draw/'))).toBe(true)
  expect(all.some((f) => f.endsWith('cloudfunctions/quiz/draws.ts'))).toBe(true)
})

test('no line ties sharing or inviting to draws, points or chances', () => {
  const hits: string[] = []
  for (const f of all) {
    readFileSync(f, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        // staff invitations (邀请码 grants a staff role, not a reward) are not sharing for a reward
        const text = line.replace(/邀请码|邀请工作人员|acceptInvite|INVITE_CODE|invite(Input|Code|s)?\b/gi, '')
        if (SHARE.test(text) && REWARD.test(text)) hits.push(`${f.slice(ROOT.length + 1)}:${i + 1}: ${line.trim()}`)
      })
  }
  expect(hits).toEqual([])
})

test('no page that handles a share calls an action that gives draws or rewards', () => {
  const offenders = all.filter((f) => {
    const src = readFileSync(f, 'utf8')
    return SHARE_HANDLER.test(src) && REWARD_CALL.test(src)
  })
  expect(offenders).toEqual([])
})

test('the scan does find a share-linked reward when one is written', () => {
  const planted = "useShareAppMessage(() => { void call('quiz', 'grantDraws', {}) }) // 分享得抽奖机会"
  expect(SHARE.test('const shareBonus = { drawsLeft: 1 }') && REWARD.test('const shareBonus = { drawsLeft: 1 }')).toBe(true)
  expect(SHARE.test(planted) && REWARD.test(planted)).toBe(true)
  expect(SHARE_HANDLER.test(planted) && REWARD_CALL.test(planted)).toBe(true)
})
