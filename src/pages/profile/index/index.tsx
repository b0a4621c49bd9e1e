import { Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import PageState from '@/components/PageState'
import { call } from '@/api/client'
import { ensureSignedIn } from '@/api/session'
import { statusLabel } from '@/contracts/membership/options'
import { DELETE_EXPLANATION, type DeleteMyDataResult, type ProfileSummary } from '@/contracts/profile/schemas'
import { ROLE_LABELS } from '@/contracts/roles'
import { useLoader } from '@/hooks/useLoader'
import { useMe } from '@/hooks/useMe'
import { confirm } from '@/utils/dialog'
import PhoneChange from './PhoneChange'
import './index.scss'

/** 我的 → 个人信息: what the app holds about me, and 删除我的数据 (个人信息保护法 第四十七条). */
export default function ProfilePage() {
  const { state, reload } = useLoader(() => call('profile', 'summary', {}))
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<DeleteMyDataResult | null>(null)
  const [deleteError, setDeleteError] = useState('')
  const { me } = useMe()

  // Signed out (H5): to the persona picker, which brings the person back here.
  useLoad(() => void ensureSignedIn())

  const deleteAll = async () => {
    if (busy) return
    const ok = await confirm({
      title: '删除我的数据？',
      content: DELETE_EXPLANATION.join('\n'),
      confirmText: '删除',
      cancelText: '取消',
      danger: true,
    })
    if (!ok) return
    setBusy(true)
    setDeleteError('')
    const res = await call('profile', 'deleteMyData', {})
    setBusy(false)
    if (!res.ok) return setDeleteError(res.error.message)
    setResult(res.data)
    Taro.showToast({ title: '已删除', icon: 'success' })
    void reload()
  }

  const d = result?.deleted
  return (
    <View className='page profile'>
      <PageState state={state} onRetry={() => void reload()}>
        {(s: ProfileSummary) => (
          <>
            <View className='card'>
              <View className='profile__row'>
                <Text className='profile__key'>姓名</Text>
                <Text className='profile__value profile__name'>{s.name}</Text>
              </View>
              <View className='profile__row'>
                <Text className='profile__key'>手机号</Text>
                <View className='profile__value'>
                  <Text className='profile__phone'>{s.phoneMasked ?? '未填写'}</Text>
                  {s.phoneVerified ? <Text className='profile__tag'>已验证</Text> : null}
                </View>
              </View>
              <View className='profile__row profile__row--action'>
                <PhoneChange currentMasked={s.phoneMasked} onChanged={() => void reload(true)} />
              </View>
              <View className='profile__row'>
                <Text className='profile__key'>身份</Text>
                <Text className='profile__value'>{me ? me.roles.map((r) => ROLE_LABELS[r]).join('、') : '…'}</Text>
              </View>
              <View className='profile__row'>
                <Text className='profile__key'>入会</Text>
                <Text className='profile__value'>{s.membershipStatus ? statusLabel(s.membershipStatus) : '未申请'}</Text>
              </View>
            </View>

            <Text className='section-title'>删除我的数据</Text>
            <View className='card profile__delete'>
              {DELETE_EXPLANATION.map((line) => (
                <Text key={line} className='profile__explain'>
                  {line}
                </Text>
              ))}
              <Text className='profile__explain'>
                目前：入会申请 {s.holdings.membershipApplications} 份，孩子信息 {s.holdings.children} 条，托管预约 {s.holdings.bookings} 条，通知{' '}
                {s.holdings.notices} 条，法律援助案件 {s.holdings.legalCases} 件。
              </Text>
              <Btn kind='danger' className='profile__delete-btn' disabled={busy} onClick={() => void deleteAll()}>
                {busy ? '正在删除…' : '删除我的数据'}
              </Btn>
              {deleteError ? <Text className='profile__result profile__error'>{deleteError}</Text> : null}
              {d ? (
                <View className='profile__done'>
                  <Text className='profile__result'>
                    已删除：入会申请 {d.membershipApplications} 份，孩子信息 {d.children} 条，托管预约 {d.bookings} 条，通知 {d.notices} 条， 其他记录{' '}
                    {d.other} 条，文件 {d.files} 个。
                  </Text>
                  {result!.kept.map((k) => (
                    <Text key={k.what} className='profile__result profile__kept'>
                      未删除「{k.what}」：{k.reason}。保存期限：{k.retention}
                    </Text>
                  ))}
                </View>
              ) : null}
            </View>
          </>
        )}
      </PageState>
    </View>
  )
}
