import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import Btn from '@/components/Btn'
import type { OrgNode } from '@/contracts/orgs/schemas'
import { useQuery } from '@/data'

/** The employers whose workers' applications come to this org: the names people write on the 入会 form. */
export default function OrgEmployers({ org }: { org: OrgNode }) {
  // A part of the org page, so it loads quietly inside its card rather than as a page state.
  const { state } = useQuery('orgs', 'employers', { orgId: org.id, pageSize: 50 }, { pullToRefresh: false })
  return (
    <View className='card org-employers'>
      <Text className='section-title'>用人单位（入会分派）</Text>
      <Text className='muted org-employers__note'>职工填写这些单位名称时，入会申请分派到本组织。</Text>
      {state.kind === 'loading' ? <Text className='muted'>正在加载…</Text> : null}
      {state.kind === 'error' ? <Text className='muted'>{state.error.message}</Text> : null}
      {state.kind === 'ready' && !state.data.items.length ? <Text className='muted org-employers__none'>还没有用人单位</Text> : null}
      {state.kind === 'ready'
        ? state.data.items.map((e) => (
            <View
              key={e.id}
              className='org-employer'
              onClick={() => Taro.navigateTo({ url: `/pages/orgs/employer/index?id=${encodeURIComponent(e.id)}` })}
            >
              <Text className='org-employer__name'>{e.name}</Text>
              {e.aliases.length ? <Text className='org-employer__aliases'>别名：{e.aliases.join('、')}</Text> : null}
            </View>
          ))
        : null}
      {org.disabled ? null : (
        <Btn
          kind='ghost'
          size='sm'
          className='org-employers__add'
          onClick={() => Taro.navigateTo({ url: `/pages/orgs/employer/index?orgId=${encodeURIComponent(org.id)}` })}
        >
          添加用人单位
        </Btn>
      )}
    </View>
  )
}
