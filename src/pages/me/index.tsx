import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'
import { MeError } from '@/components/MeGate'
import StateView from '@/components/StateView'
import { ROLE_LABELS } from '@/contracts/roles'
import type { MyApplication } from '@/contracts/membership/schemas'
import { getToken, isLocalMode, LOGIN_PAGE } from '@/api/session'
import { useQuery } from '@/data'
import { DOMAINS, WORKBENCH_URL, type Entry, type MeGroup } from '@/domains'
import { badgeKey, useBadge } from '@/hooks/useBadge'
import { isStaffLike, useMe } from '@/hooks/useMe'
import { useTodos } from '@/hooks/useTodos'
import { useUnreadBadge } from '@/hooks/useUnreadBadge'
import './index.scss'

const HOTLINE = '12351'
const UNREAD = 'messages.unreadCount'
const MEMBERSHIP_URL = '/pages/membership/index/index'
const CARD_URL = '/pages/membership/card/index'

const go = (url: string) => void Taro.navigateTo({ url })

interface RowProps {
  title: string
  hint?: string
  count?: number | null
  className?: string
  onClick: () => void
}

function Row({ title, hint, count, className, onClick }: RowProps) {
  return (
    <View className={`me__item ${className ?? ''}`} onClick={onClick}>
      <Text className='me__item-text'>{title}</Text>
      {hint ? <Text className='me__item-hint'>{hint}</Text> : null}
      {count ? <Text className='me__badge'>{count > 99 ? '99+' : count}</Text> : null}
      <Text className='me__chevron'>›</Text>
    </View>
  )
}

/** One entry a domain adds to 我的, with its live count when the manifest gives it one (the unread count is the page's). */
function MeItem({ entry, unread }: { entry: Entry; unread: number | undefined }) {
  const shared = entry.badge && badgeKey(entry.badge) === UNREAD
  const own = useBadge(shared ? undefined : entry.badge)
  return <Row title={entry.title} hint={entry.hint} count={shared ? unread : own} onClick={() => go(entry.url)} />
}

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <View className='me__group'>
      <Text className='me__group-title'>{title}</Text>
      <View className='card me__menu'>{children}</View>
    </View>
  )
}

/** 工会会员, 审核中, 未入会…: what the header says, and where its shortcut goes. */
function memberLine(app: MyApplication | null): { status: string; tone: string; action: string; url: string } {
  if (!app) return { status: '还不是工会会员', tone: 'none', action: '申请入会', url: MEMBERSHIP_URL }
  switch (app.status) {
    case 'approved':
      return { status: `工会会员 · ${app.org.name}`, tone: 'member', action: '会员卡', url: CARD_URL }
    case 'pending':
      return { status: '入会申请审核中', tone: 'pending', action: '看进度', url: MEMBERSHIP_URL }
    case 'rejected':
      return { status: '入会申请未通过', tone: 'none', action: '看原因', url: MEMBERSHIP_URL }
    case 'revoked':
      return { status: '会籍已注销', tone: 'none', action: '看详情', url: MEMBERSHIP_URL }
    case 'transferred_out':
      return { status: '会籍已转出', tone: 'none', action: '看详情', url: MEMBERSHIP_URL }
  }
}

export default function MePage() {
  const { me, error, loading, reload } = useMe()
  const signedIn = !isLocalMode() || !!getToken()
  const membershipOpen = !!DOMAINS.find((d) => d.key === 'membership')?.home?.open
  const status = useQuery('membership', 'myStatus', {}, { enabled: signedIn && membershipOpen, pullToRefresh: false })
  const unread = useUnreadBadge(signedIn)
  const staff = isStaffLike(me)
  const todos = useTodos(staff ? me!.roles : undefined)

  // A service not open yet adds nothing here; a domain without a home tile (消息中心) always does.
  const entries = DOMAINS.filter((d) => !d.home || d.home.open).flatMap((d) => d.me ?? [])
  const inGroup = (g: MeGroup) => entries.filter((e) => (e.group ?? 'services') === g)
  const item = (e: Entry) => <MeItem key={e.url + e.title} entry={e} unread={unread.data?.count} />
  const line = status.data ? memberLine(status.data.application) : null

  const staffGroup = (
    <Group title='工作人员'>
      {staff ? (
        <Row
          title='工作台'
          className='me__item--workbench'
          hint={todos.data?.total ? `${todos.data.total} 项待办` : undefined}
          onClick={() => go(WORKBENCH_URL)}
        />
      ) : null}
      {inGroup('staff').map(item)}
    </Group>
  )

  return (
    <View className='page me'>
      <MeError error={error} onRetry={() => void reload()} />
      {!me && loading ? <StateView kind='loading' title='正在加载…' /> : null}

      {me ? (
        <View className='me__header'>
          <View className='me__avatar'>{(me.name || '职').slice(0, 1)}</View>
          <View className='me__info'>
            <Text className='me__name'>{me.name || '职工朋友'}</Text>
            {line ? <Text className={`me__status me__status--${line.tone}`}>{line.status}</Text> : null}
            {me.roles.some((r) => r !== 'worker') ? (
              <View className='me__roles'>
                {me.roles
                  .filter((r) => r !== 'worker')
                  .map((r) => (
                    <Text key={r} className={`me__role me__role--${r}`}>
                      {ROLE_LABELS[r]}
                    </Text>
                  ))}
              </View>
            ) : null}
          </View>
          {line ? (
            <View className={`me__card-link me__card-link--${line.tone}`} onClick={() => go(line.url)}>
              <Text>{line.action}</Text>
            </View>
          ) : null}
        </View>
      ) : null}

      {staff ? staffGroup : null}

      <Group title='我的服务'>
        {inGroup('services').map(item)}
        <Row title='附近驿站' onClick={() => go('/pages/stations/list/index')} />
      </Group>

      <Group title='个人信息与隐私'>{inGroup('privacy').map(item)}</Group>

      {staff ? null : staffGroup}

      <Group title='帮助'>
        <Row
          title={`${HOTLINE} 职工服务热线`}
          hint='维权咨询'
          onClick={() => void Taro.makePhoneCall({ phoneNumber: HOTLINE }).catch(() => undefined)}
        />
        {isLocalMode() ? (
          <Row title='切换身份' hint='本地演示' className='me__item--switch' onClick={() => void Taro.reLaunch({ url: LOGIN_PAGE })} />
        ) : null}
        {isLocalMode() ? <Row title='通知发件箱' hint='本地调试' className='me__item--outbox' onClick={() => go('/pages/dev/outbox/index')} /> : null}
      </Group>

      <Text className='footnote'>工惠 · 职工之家</Text>
    </View>
  )
}
