import { Image, Text, View } from '@tarojs/components'
import Btn from '@/components/Btn'
import FormError from '@/components/FormError'
import PageState from '@/components/PageState'
import RoleGate from '@/components/RoleGate'
import TextField from '@/components/TextField'
import { membershipApi } from '@/contracts/membership/api'
import { createDriveInput, type DriveItem } from '@/contracts/membership/drives'
import { useForm, useMutation, useQuery } from '@/data'
import { formatDate } from '@/utils/membership'
import './index.scss'

/** 集中入会: a code (and its poster QR) per event that opens the 入会 form for this union; joins counted per event. */
export default function DrivesPage() {
  return <RoleGate spec={membershipApi.drives}>{() => <Drives />}</RoleGate>
}

function Drives() {
  const list = useQuery('membership', 'drives', {})
  const form = useForm({ initial: { event: '', employer: '' }, schema: createDriveInput })
  const create = useMutation('membership', 'createDrive', {
    success: '已生成',
    onSuccess: (d) => {
      form.reset({ event: '', employer: '' })
      list.setData((l) => ({ items: [d, ...l.items] }))
    },
  })
  return (
    <View className='page drives'>
      <View className='card drives__form'>
        <Text className='section-title drives__title'>新建集中入会活动</Text>
        <TextField
          label='活动名称'
          name='event'
          required
          className='drives__event'
          value={form.values.event}
          maxlength={40}
          placeholder='如：2026 年快递行业集中入会'
          error={form.error('event')}
          onInput={(v) => form.set('event', v)}
        />
        <TextField
          label='工作单位（可不填）'
          name='employer'
          className='drives__employer'
          value={form.values.employer}
          maxlength={60}
          placeholder='活动只面向一个单位时填写，扫码后自动填好'
          error={form.error('employer')}
          onInput={(v) => form.set('employer', v)}
        />
        <FormError message={form.formError} />
        <Btn className='drives__create' loading={create.busy} onClick={() => void form.submit((d) => create.run(d))}>
          生成入会码
        </Btn>
      </View>
      <PageState
        query={list}
        isEmpty={(d) => !d.items.length}
        empty={{ title: '还没有集中入会活动', detail: '生成入会码后，打印海报或在活动现场出示，职工扫码即可申请。' }}
      >
        {(d) => d.items.map((item) => <DriveCard key={item.code} item={item} />)}
      </PageState>
    </View>
  )
}

function DriveCard({ item }: { item: DriveItem }) {
  return (
    <View className='card drive'>
      <View className='drive__head'>
        <Text className='drive__event'>{item.event}</Text>
        <Text className='drive__date'>{formatDate(item.createdAt)}</Text>
      </View>
      <Text className='muted'>
        {item.orgName}
        {item.employer ? ` · ${item.employer}` : ''}
      </Text>
      <View className='drive__body'>
        <Image className='drive__qr' src={item.qr} mode='aspectFit' showMenuByLongpress />
        <View className='drive__counts'>
          <Text className='drive__count'>
            <Text className='drive__num drive__applications'>{item.applications}</Text> 人申请
          </Text>
          <Text className='drive__count'>
            <Text className='drive__num drive__approved'>{item.approved}</Text> 人已入会
          </Text>
          <Text className='drive__code'>入会码 {item.code}</Text>
        </View>
      </View>
    </View>
  )
}
