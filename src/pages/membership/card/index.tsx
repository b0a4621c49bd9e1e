import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { formatCardCode, formatCountdown } from '@/contracts/membership/cardcode'
import PageState from '@/components/PageState'
import StateView from '@/components/StateView'
import type { MemberCard, MyApplication } from '@/contracts/membership/schemas'
import type { ApiResult } from '@/contracts/result'
import { call, fetchQuery } from '@/api/client'
import { useMutationWith, useQueryWith } from '@/data'
import { formatDate } from '@/utils/membership'
import { beijingDay } from '@/contracts/time'
import { APPLY_PAGE, MEMBERSHIP_HOME } from '../shared/urls'
import './index.scss'

type Revoked = NonNullable<MyApplication['revoked']>
type TransferredOut = NonNullable<MyApplication['transferredOut']>
type CardView =
  | { kind: 'card'; card: MemberCard }
  /** the membership was revoked: when, why and whom to call, instead of 「还没有会员卡」 */
  | { kind: 'revoked'; revoked: Revoked }
  /** 已转出: where the membership went; the card is no longer valid here */
  | { kind: 'transferred'; out: TransferredOut }
  /** not a member (yet): a friendly way on, not an error */
  | { kind: 'none'; message: string }

/** Ask for a new QR this long before the old one expires: a tenth of its life, at most 30 s. */
const refreshMargin = (ttlSec: number) => Math.min(30, Math.max(1, Math.floor(ttlSec / 10)))

/**
 * `card` writes (each call issues a new 核验码), so it is loaded with useQueryWith and never asked twice by the
 * client. No card: the status tells a revoked member from someone not yet a member.
 */
async function loadCard(): Promise<ApiResult<CardView>> {
  const res = await call('membership', 'card')
  if (res.ok) return { ok: true, data: { kind: 'card', card: res.data } }
  if (res.error.code !== 'NOT_FOUND') return res
  const mine = await fetchQuery('membership', 'myStatus')
  const revoked = mine.ok ? mine.data.application?.revoked : undefined
  const out = mine.ok && mine.data.application?.status === 'transferred_out' ? mine.data.application.transferredOut : undefined
  if (out) return { ok: true, data: { kind: 'transferred', out } }
  return { ok: true, data: revoked ? { kind: 'revoked', revoked } : { kind: 'none', message: res.error.message } }
}

export default function CardPage() {
  const view = useQueryWith(loadCard, [])
  return (
    <View className='page member-card-page'>
      <PageState query={view} loadingText='正在加载会员卡…'>
        {(v) =>
          v.kind === 'card' ? (
            <Card card={v.card} onCard={(card) => view.setData(() => ({ kind: 'card', card }))} />
          ) : v.kind === 'revoked' ? (
            <RevokedCard r={v.revoked} />
          ) : v.kind === 'transferred' ? (
            <StateView
              kind='info'
              className='member-card-transferred'
              title='会籍已转出，本卡不再有效'
              detail={`您的会籍已于 ${beijingDay(v.out.at)} 由${v.out.fromOrgName}转出至${v.out.to}。\n本县的电子会员卡已停用，请到${v.out.to}办理会员手续。`}
              actions={[{ text: '查看入会记录', onClick: () => Taro.redirectTo({ url: MEMBERSHIP_HOME }) }]}
            />
          ) : (
            <StateView
              kind='info'
              className='member-card-missing'
              title='您还没有会员卡'
              detail={v.message || '入会申请审核通过后，这里会显示您的工会会员电子卡。'}
              actions={[
                { text: '查看入会申请', onClick: () => Taro.redirectTo({ url: MEMBERSHIP_HOME }) },
                { text: '申请入会', onClick: () => Taro.redirectTo({ url: APPLY_PAGE }), kind: 'secondary' },
              ]}
            />
          )
        }
      </PageState>
    </View>
  )
}

function RevokedCard({ r }: { r: Revoked }) {
  const lines = [
    `注销日期：${beijingDay(r.at)}`,
    r.reason ? `注销原因：${r.reason}` : '',
    `如有疑问，请联系${r.orgName}${r.phone ? `（电话 ${r.phone}）` : ''}。`,
  ]
  return (
    <StateView
      kind='info'
      className='member-card-revoked'
      title='您的会籍已注销'
      detail={lines.filter(Boolean).join('\n')}
      actions={[
        ...(r.phone ? [{ text: '拨打电话', onClick: () => void Taro.makePhoneCall({ phoneNumber: r.phone as string }).catch(() => undefined) }] : []),
        { text: '查看入会申请', onClick: () => Taro.redirectTo({ url: MEMBERSHIP_HOME }), kind: 'secondary' as const },
      ]}
    />
  )
}

function Card({ card, onCard }: { card: MemberCard; onCard: (card: MemberCard) => void }) {
  // Deadlines on this phone's clock, counted from when the answer arrived (the phone's clock may be wrong;
  // its rate is not): when to fetch a new QR, and when the one on screen stops being valid.
  const [deadline, setDeadline] = useState<{ refreshAt: number; expiresAt: number } | null>(null)
  const [now, setNow] = useState(Date.now())
  const [refreshFailed, setRefreshFailed] = useState(false)
  const refresh = useMutationWith(() => call('membership', 'card'), {
    onSuccess: (c) => onCard(c),
    onError: () => setRefreshFailed(true),
  })

  // Every new card (first load, a refresh, back on the page) restarts the countdown.
  useEffect(() => {
    const at = Date.now()
    const ttl = card.qr.ttlSec
    setDeadline({ refreshAt: at + (ttl - refreshMargin(ttl)) * 1000, expiresAt: at + ttl * 1000 })
    setRefreshFailed(false)
  }, [card])

  // One tick a second drives the countdown; at the refresh moment a new QR is fetched in place.
  useEffect(() => {
    if (!deadline) return
    const timer = setInterval(() => {
      const t = Date.now()
      setNow(t)
      if (t >= deadline.refreshAt && !refreshFailed) void refresh.run(undefined)
    }, 1000)
    return () => clearInterval(timer)
  }, [deadline, refreshFailed])

  const fetchCard = () => void refresh.run(undefined)

  const valid = card.status === 'valid'
  const secondsLeft = deadline ? (deadline.refreshAt - now) / 1000 : 0
  // Past expiry without a new one (offline, refresh failed): say so rather than show a dead code as live.
  const stale = deadline !== null && now >= deadline.expiresAt
  return (
    <>
      <View className={`member-card member-card--${card.status}`}>
        <View className='member-card__head'>
          <View className='member-card__emblem'>工</View>
          <View className='member-card__head-text'>
            <Text className='member-card__issuer'>中华全国总工会</Text>
            <Text className='member-card__title'>工会会员电子卡</Text>
          </View>
          <Text className={`member-card__status member-card__status--${card.retained ? 'retained' : card.status}`}>
            {valid ? (card.retained ? '保留会籍' : '有效') : '已注销'}
          </Text>
        </View>

        <View className='member-card__body'>
          <Text className='member-card__name'>{card.name}</Text>
          <View className='member-card__row'>
            <Text className='member-card__key'>会员编号</Text>
            <Text className='member-card__value member-card__no'>{card.memberNo}</Text>
          </View>
          <View className='member-card__row'>
            <Text className='member-card__key'>所属工会</Text>
            <Text className='member-card__value member-card__org'>{card.orgName}</Text>
          </View>
          {card.retained ? (
            <View className='member-card__row'>
              <Text className='member-card__key'>会籍状态</Text>
              <Text className='member-card__value member-card__standing'>{card.retained.label}</Text>
            </View>
          ) : null}
          <View className='member-card__row'>
            <Text className='member-card__key'>入会日期</Text>
            <Text className='member-card__value member-card__date'>{formatDate(card.joinDate)}</Text>
          </View>
        </View>

        <View className={`member-card__qr-wrap ${stale ? 'member-card__qr-wrap--stale' : ''}`}>
          <Image className='member-card__qr' src={card.qr.image} mode='aspectFit' showMenuByLongpress={false} />
          {card.qr.code ? (
            <View className='member-card__code-row'>
              <Text className='member-card__code-key'>核验码</Text>
              <Text className='member-card__code' userSelect>
                {formatCardCode(card.qr.code)}
              </Text>
              <Text
                className='member-card__copy'
                onClick={() => void Taro.setClipboardData({ data: formatCardCode(card.qr.code) }).catch(() => undefined)}
              >
                复制
              </Text>
            </View>
          ) : null}
          {stale ? (
            <Text className='member-card__refresh member-card__refresh--failed' onClick={fetchCard}>
              二维码已过期，点此刷新
            </Text>
          ) : refreshFailed ? (
            <Text className='member-card__refresh member-card__refresh--failed' onClick={fetchCard}>
              自动刷新失败，点此重试
            </Text>
          ) : (
            <Text className='member-card__refresh'>二维码 {formatCountdown(secondsLeft)} 后自动刷新</Text>
          )}
          <Text className='member-card__qr-hint'>{valid ? '请向工作人员出示此码；无法扫码时念出或复制核验码' : '会籍已注销，此码不再有效'}</Text>
        </View>
      </View>
      <Text className='footnote'>本卡仅限本人使用。二维码和核验码每隔几分钟更换，截图无效。工作人员核验时，只看到您的姓氏、会员编号和所属工会。</Text>
    </>
  )
}
