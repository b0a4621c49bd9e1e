import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import Btn from '@/components/Btn'
import PageState from '@/components/PageState'
import { statusLabel } from '@/contracts/membership/options'
import { DELETE_EXPLANATION, type DeleteMyDataResult, type ProfileSummary } from '@/contracts/profile/schemas'
import { ROLE_LABELS } from '@/contracts/roles'
import { useMutation, useQuery } from '@/data'
import { useMe } from '@/hooks/useMe'
import { confirm } from '@/utils/dialog'
import PhoneChange from './PhoneChange'
import './index.scss'

/** 我的 → 个人信息: what the app holds about me, and 删除我的数据 (个人信息保护法 第四十七条). */
export default function ProfilePage() {
  const summary = useQuery('profile', 'summary', {})
  // The last deletion's answer: what went, and what was kept and why.
  const [result, setResult] = useState<DeleteMyDataResult | null>(null)
  const erase = useMutation('profile', 'deleteMyData', {
    success: '已删除',
    onSuccess: (res) => {
      setResult(res)
      void summary.reload(true)
    },
  })
  const { me } = useMe()

  const deleteAll = async () => {
    if (erase.busy) return
    const ok = await confirm({
      title: '删除我的数据？',
      content: DELETE_EXPLANATION.join('\n'),
      confirmText: '删除',
      cancelText: '取消',
      danger: true,
    })
    if (ok) await erase.run({})
  }
  const d = result?.deleted
  return (
    <View className='page profile'>
      <PageState query={summary}>
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
                <PhoneChange currentMasked={s.phoneMasked} onChanged={() => void summary.reload(true)} />
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
              <Btn kind='danger' className='profile__delete-btn' loading={erase.busy} onClick={deleteAll}>
                {erase.busy ? '正在删除…' : '删除我的数据'}
              </Btn>
              {erase.error ? <Text className='profile__result profile__error'>{erase.error.message}</Text> : null}
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
